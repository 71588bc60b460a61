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

/** A class-validator rule on the code-point length, named and worded as class-validator's own. */
function lengthRule(
  name: 'maxLength' | 'minLength',
  bound: number,
  fits: (length: number) => boolean,
  wording: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      name,
      constraints: [bound],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && fits(codePointLength(value)),
        defaultMessage: buildMessage((each) => `${each}$property must be ${wording} $constraint1 characters`, options),
      },
    },
    options,
  );
}

export const MaxLength = (max: number, options?: ValidationOptions): PropertyDecorator =>
  lengthRule('maxLength', max, (length) => length <= max, 'shorter than or equal to', options);

export const MinLength = (min: number, options?: ValidationOptions): PropertyDecorator =>
  lengthRule('minLength', min, (length) => length >= min, 'longer than or equal to', options);
