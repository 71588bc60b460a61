import { Module } from '@nestjs/common';

/** Outbox relay, webhooks and notices (see index.ts). */
@Module({
  imports: [],
  providers: [],
  exports: [],
})
export class NotificationsModule {}
