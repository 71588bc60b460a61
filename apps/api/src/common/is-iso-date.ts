import { isValidIsoDate } from '@app/core';
import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';

/**
 * A real calendar date as `YYYY-MM-DD` (API.md conventions): `1995-02-30` and `1995-2-3`
 * are refused with the field named, where `@IsDateString` would let the first through.
 */
export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDate',
      validator: {
        validate: (value: unknown) => isValidIsoDate(value),
        defaultMessage: buildMessage((each) => `${each}$property must be a real calendar date in the form YYYY-MM-DD`, options),
      },
    },
    options,
  );
}
