import { Module } from '@nestjs/common';
import { WebhooksService } from './webhooks.service';
import { WebhookWake } from './webhook-wake';
import { WebhooksConfig } from './webhooks-config';

/**
 * Agencies' webhooks: registration, tests, retries and the delivery log. Apart from
 * NotificationsModule (which discipline, and so the CLI, loads for notices). The delivery loop
 * (WebhookDeliveryJob: the outbox relay and the signed attempts) is provided by the apps'
 * WorkerModule, where jobs run.
 */
@Module({
  providers: [WebhooksConfig, WebhooksService, WebhookWake],
  exports: [WebhooksService, WebhooksConfig, WebhookWake],
})
export class WebhooksModule {}
