import { ConflictError, InvalidInputError } from '@app/core';

export const invalidIdempotencyKey = () =>
  new InvalidInputError('IDEMPOTENCY.INVALID_KEY', 'The Idempotency-Key header is invalid.', [
    { field: 'Idempotency-Key', message: 'must be 1 to 255 visible ASCII characters' },
  ]);

export const idempotencyKeyReused = () => new ConflictError('IDEMPOTENCY.KEY_REUSED', 'This Idempotency-Key was already used for a different request.');
