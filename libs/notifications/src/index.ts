/**
 * @app/notifications: what the registry tells the outside world. The outbox (events written in
 * the same transaction as the change they report), webhooks (agencies' endpoints, signed
 * delivery on durable jobs) and notices to officers.
 *
 * It sits low in the layers (eslint.config.mjs LAYERS, right after audit) so that every context
 * that changes an officer's record can write its event in its own transaction.
 */
export * from './notifications.module';
export { recordOfficerEvent, recordOfficerEvents } from './outbox/outbox.writer';
export { OFFICER_EVENT_TYPES, TEST_EVENT_TYPE } from './outbox/officer-events';
export type { OfficerEvent, OfficerEventData, OfficerEventType } from './outbox/officer-events';
