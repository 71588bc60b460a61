import { DomainError } from '@app/core';

/** The limited token of a user who must enrol a second factor first, on any other route. */
export const mfaEnrolmentRequired = () =>
  new DomainError(
    'AUTH.MFA_ENROLMENT_REQUIRED',
    'forbidden',
    'Your roles require a second factor: enrol one (POST /api/v1/me/mfa/totp, then POST /api/v1/me/mfa/totp/confirm) and sign in again.',
  );
export const mfaOfUsersOnly = () => new DomainError('AUTH.USER_ONLY', 'forbidden', 'Only a signed-in user enrols a second factor; an API key has none.');
export const mfaAlreadyEnrolled = () =>
  new DomainError('AUTH.MFA_ALREADY_ENROLLED', 'conflict', 'A second factor is enrolled already; a commission administrator resets a lost one.');
export const mfaEnrolmentNotStarted = () =>
  new DomainError('AUTH.MFA_ENROLMENT_NOT_STARTED', 'conflict', 'No enrolment is under way: start one with POST /api/v1/me/mfa/totp.');
export const mfaConfirmationFailed = () =>
  new DomainError('AUTH.MFA_CONFIRMATION_FAILED', 'rule', 'The code does not match the secret being enrolled; check the authenticator app’s clock.');
/** Unknown, used or expired challenge token: sign in again with the password. */
export const mfaChallengeInvalid = () =>
  new DomainError('AUTH.MFA_CHALLENGE_INVALID', 'unauthorized', 'The sign-in challenge is unknown, used or expired: sign in again with your password.');
/** A wrong, replayed or used code, or a locked account: one body for all. */
export const mfaCodeInvalid = () => new DomainError('AUTH.MFA_CODE_INVALID', 'unauthorized', 'The code is not valid.');
