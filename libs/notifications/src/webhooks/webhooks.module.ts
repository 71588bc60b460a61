import { Module } from '@nestjs/common';
import { WebhooksService } from './webhooks.service';
import { WebhooksConfig } from './webhooks-config';

/**
 * Agencies' webhooks: registration and the delivery log. Apart from NotificationsModule (which
 * discipline, and so the CLI, loads for notices). Delivery (the outbox relay and the signed
 * attempts on durable jobs) joins it once @app/jobs is on main.
 */
@Module({
  providers: [WebhooksConfig, WebhooksService],
  exports: [WebhooksService, WebhooksConfig],
})
export class WebhooksModule {}
