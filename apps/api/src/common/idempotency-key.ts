import { ApiHeader } from '@nestjs/swagger';

/** API.md: creating requests accept `Idempotency-Key`; same key and body replay the original, another body is a 409. */
export const ApiIdempotencyKey = () =>
  ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body: the original response; different body: 409. Kept at least 24 hours, per organization.' });
