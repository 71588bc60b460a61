import { DomainError } from '@app/core';

/** One body for unknown user, wrong password, locked and disabled: nothing to enumerate. */
export const invalidCredentials = () => new DomainError('AUTH.INVALID_CREDENTIALS', 'unauthorized', 'Invalid email or password.');
export const authenticationRequired = () =>
  new DomainError('AUTH.UNAUTHENTICATED', 'unauthorized', 'Authentication required: send a Bearer token or an X-API-Key header.');
export const passwordOfUsersOnly = () => new DomainError('AUTH.USER_ONLY', 'forbidden', 'Only a signed-in user has a password to change; an API key has none.');
export const currentPasswordWrong = () => new DomainError('AUTH.CURRENT_PASSWORD_WRONG', 'forbidden', 'The current password is not correct.');
export const passwordUnchanged = () => new DomainError('AUTH.PASSWORD_UNCHANGED', 'rule', 'The new password must differ from the current one.');
