import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Text length as PostgreSQL's `length()` and the tables' CHECKs count it: in code points.
 * class-validator's MaxLength/MinLength (validator.js `isLength`) leave variation selectors
 * (U+FE0E, U+FE0F) uncounted, so "a\uFE0F" × 60 passed a 100-character limit and then broke
 * the column's CHECK (a 500). Same names and messages as class-validator's, so DTOs swap imports.
 */
export function codePointLength(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

export function MaxLength(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxLength',
      constraints: [max],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && codePointLength(value) <= max,
        defaultMessage: buildMessage((each) => `${each}$property must be shorter than or equal to $constraint1 characters`, options),
      },
    },
    options,
  );
}

export function MinLength(min: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'minLength',
      constraints: [min],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && codePointLength(value) >= min,
        defaultMessage: buildMessage((each) => `${each}$property must be longer than or equal to $constraint1 characters`, options),
      },
    },
    options,
  );
}
