import { applyDecorators, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { ApiProblems } from '../openapi/api-problems';

/** API.md: creating requests accept `Idempotency-Key`; same key and body replay the original, another body is a 409. */
export const ApiIdempotencyKey = () =>
  applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Same key and body: the original response; different body: 409. Kept at least 24 hours, per organization.',
    }),
    ApiProblems(409),
  );

/**
 * The request's `Idempotency-Key` header, or undefined. A custom parameter rather than
 * `@Headers('idempotency-key')`, which the OpenAPI plugin documented as a second, *required*
 * header beside ApiIdempotencyKey's optional one. Its format is checked by withIdempotency.
 */
export const IdempotencyKeyHeader = createParamDecorator((_data: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers['idempotency-key'];
  return Array.isArray(value) ? value.join(', ') : value;
});
