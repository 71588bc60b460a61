import { ValidationError, ValidationPipe } from '@nestjs/common';
import { InvalidInputError } from '@app/core';

/** Nested class-validator errors as `[{ field: 'records.3.hours', message }]`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return own.concat(flattenValidationErrors(error.children ?? [], field));
  });
}

/** The 400 of every refused request body, query or path parameter. */
export const invalidRequest = (errors: { field: string; message: string }[]) =>
  new InvalidInputError('REQUEST.INVALID', 'The request is invalid; see errors[] for each field.', errors);

/** Unknown fields are a 400, not silently dropped (DESIGN.md rule 7). */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => invalidRequest(flattenValidationErrors(errors)),
  });
}
