/**
 * @app/notifications: what the registry tells the outside world. The outbox (events written in
 * the same transaction as the change they report), webhooks (agencies' endpoints, signed
 * delivery on durable jobs) and notices to officers (notices/, 555 CMR 12.00: written in the
 * transaction of the submission they report, sent by a durable job through @app/mail).
 *
 * It sits low in the layers (eslint.config.mjs LAYERS, right after audit) so that every context
 * that changes an officer's record can write its event in its own transaction.
 */
export * from './notifications.module';
export { recordOfficerEvent, recordOfficerEvents } from './outbox/outbox.writer';
export { OFFICER_EVENT_TYPES, TEST_EVENT_TYPE } from './outbox/officer-events';
export type { OfficerEvent, OfficerEventData, OfficerEventType } from './outbox/officer-events';
export * from './notices/notices.service';
export { reassignOfficerNotices } from './notices/persistence/notice.store';
export * from './notices/notice-sender';
export { NOTICE_SEND_QUEUE } from './notices/notice-dispatch';
export { NoticeSendingJob, NOTICE_SWEEP_QUEUE, NOTICE_SWEEP_CRON } from './notices/notice-sending.job';
export * from './notices/notices.policy';
export { NOTICE_KINDS, NOTICE_CHANNELS, NOTICE_STATUSES, NOTICE_DUE_DAYS, MAX_SEND_ATTEMPTS, isOverdue, noticeDueBy } from './notices/domain/notice-rules';
export type { NoticeKind, NoticeChannel, NoticeStatus } from './notices/domain/notice-rules';
export { NOTICE_ERROR_CODES } from './notices/domain/notices.errors';
export { WebhooksModule } from './webhooks/webhooks.module';
export { WebhooksService } from './webhooks/webhooks.service';
export { WebhookDeliveryJob } from './webhooks/webhook-delivery.job';
export { WebhookWake } from './webhooks/webhook-wake';
export type { CreateWebhookCommand } from './webhooks/webhooks.service';
export { WebhooksConfig } from './webhooks/webhooks-config';
export type { HostResolver, WebhookSettings } from './webhooks/webhooks-config';
export type { CreatedWebhookView, DeliveryView, WebhookView } from './webhooks/webhook-views';
export { RETRY_DELAYS_SECONDS, MAX_ATTEMPTS, DELIVERY_TIMEOUT_MS, ATTEMPT_LEASE_SECONDS } from './webhooks/domain/retry-schedule';
