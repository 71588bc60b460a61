import { DomainError, NotFoundError, RuleViolationError } from '@app/core';

/**
 * One answer for an unknown, mistyped, expired, used or revoked token, and for a disabled
 * account: nothing to tell a guesser which (the audit entry keeps the reason).
 */
export const accountTokenInvalid = () =>
  new DomainError('ACCOUNT_TOKEN.INVALID', 'invalid', 'This link is invalid, expired or already used; ask an administrator for a new one.');
export const accountUserNotFound = () => new NotFoundError('USER.NOT_FOUND', 'No such user.');
export const accountUserDisabled = () =>
  new RuleViolationError('USER.DISABLED', 'The user is disabled: a disabled account gets no reset or activation link.', ['user_disabled']);
