import { COMMON_PASSWORD_MESSAGE, isCommonPassword } from '@app/organizations';
import { ValidateBy } from 'class-validator';

/**
 * A password a person chooses (a new user's, a changed, reset or activated one) is not on the
 * common-password list (ASVS 2.1.7): a 400 naming the field, as the length rules beside it
 * (`@MinLength(PASSWORD_MIN_LENGTH) @MaxLength(PASSWORD_MAX_LENGTH)`, kept apart so that the
 * OpenAPI plugin still documents them). passwordPolicyProblem is the same rule for the CLI.
 */
export const NotCommonPassword = (): PropertyDecorator =>
  ValidateBy({
    name: 'notCommonPassword',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !isCommonPassword(value),
      defaultMessage: (args) => `${args?.property ?? 'password'} ${COMMON_PASSWORD_MESSAGE}`,
    },
  });
