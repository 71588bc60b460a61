import { normalizeName } from '@app/officers';
import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * A name that keeps a letter once normalised as the matcher compares names (apostrophes
 * dropped, punctuation turned into spaces). `ʼ` (U+02BC) is a letter to Unicode and an
 * apostrophe to the matcher: an officer named only that could never be found by name, and a
 * hiring check by it was stored as an empty answer that an agency could read as "no record".
 */
export function IsMatchableName(options: ValidationOptions = { message: '$property must contain a letter' }): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMatchableName',
      validator: { validate: (value: unknown) => typeof value === 'string' && /\p{L}/u.test(normalizeName(value)) },
    },
    options,
  );
}
