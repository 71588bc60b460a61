import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { invalidRequest } from '@app/core';

/** Nested class-validator errors as `[{ field: 'records.3.hours', message }]`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return own.concat(flattenValidationErrors(error.children ?? [], field));
  });
}

export { invalidRequest };

/**
 * The fields, as `records.3.reason`, whose text holds a NUL character: PostgreSQL stores no NUL
 * in text or jsonb, so such a value would fail at the database (a 500) after the request passed
 * validation. Walks plain JSON only (bodies and query strings), depth-first.
 */
export function fieldsWithNul(value: unknown, path = '', found: string[] = []): string[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path || 'value');
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => fieldsWithNul(item, path ? `${path}.${i}` : String(i), found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) fieldsWithNul(item, path ? `${path}.${key}` : key, found);
  }
  return found;
}

/** Refuses NUL characters in any body, query or path value before class-validator sees it. */
class RegistryValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Only what the client sent: a custom decorator's value (the actor) is the service's own.
    const sent = metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param';
    const withNul = sent ? fieldsWithNul(value, metadata.type === 'param' && metadata.data ? metadata.data : '') : [];
    if (withNul.length > 0) throw invalidRequest(withNul.map((field) => ({ field, message: `${field} must not contain a NUL character` })));
    return super.transform(value, metadata);
  }
}

/** Unknown fields are a 400, not silently dropped (DESIGN.md rule 7). */
export function createValidationPipe(): ValidationPipe {
  return new RegistryValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => invalidRequest(flattenValidationErrors(errors)),
  });
}
