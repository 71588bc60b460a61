import { DomainError } from '@app/core';

/** One body for unknown user, wrong password, locked and disabled: nothing to enumerate. */
export const invalidCredentials = () => new DomainError('AUTH.INVALID_CREDENTIALS', 'unauthorized', 'Invalid email or password.');
export const authenticationRequired = () =>
  new DomainError('AUTH.UNAUTHENTICATED', 'unauthorized', 'Authentication required: send a Bearer token or an X-API-Key header.');
