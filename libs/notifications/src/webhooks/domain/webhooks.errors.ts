import { NotFoundError, RuleViolationError } from '@app/core';

export const webhookNotFound = () => new NotFoundError('WEBHOOK.NOT_FOUND', 'No such webhook.');
export const webhookDeliveryNotFound = () => new NotFoundError('WEBHOOK.DELIVERY_NOT_FOUND', 'No such delivery of this webhook.');
export const webhookTargetRefused = (reasons: string[]) =>
  new RuleViolationError(
    'WEBHOOK.TARGET_REFUSED',
    'Webhook URLs must be https and reach a public address; loopback and private addresses only where WEBHOOK_ALLOW_PRIVATE_TARGETS=true, link-local and metadata addresses never.',
    reasons,
  );
export const webhookDisabled = () =>
  new RuleViolationError('WEBHOOK.DISABLED', 'This webhook was disabled (its receiver answered 410 Gone); register it again to resume deliveries.', [
    'webhook_disabled',
  ]);
