import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NoticeDispatch } from './notices/notice-dispatch';
import { NoticeSender } from './notices/notice-sender';
import { NoticesService } from './notices/notices.service';
import { NoticeEntity } from './notices/persistence/notice.entity';

/** Outbox relay, webhooks and notices (see index.ts). */
@Module({
  imports: [TypeOrmModule.forFeature([NoticeEntity])],
  // NoticeSendingJob is provided by the apps' WorkerModule (where the jobs run), exported for it.
  providers: [NoticesService, NoticeSender, NoticeDispatch],
  exports: [NoticesService, NoticeSender, NoticeDispatch],
})
export class NotificationsModule {}
