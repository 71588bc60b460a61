import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '@app/core';

export const organizationNotFound = () => new NotFoundError('ORGANIZATION.NOT_FOUND', 'No such organization.');
export const organizationCodeTaken = (code: string) => new ConflictError('ORGANIZATION.CODE_TAKEN', `An organization with code ${code} already exists.`);
export const userNotFound = () => new NotFoundError('USER.NOT_FOUND', 'No such user.');
export const apiKeyNotFound = () => new NotFoundError('API_KEY.NOT_FOUND', 'No such API key.');
export const emailTaken = () => new ConflictError('USER.EMAIL_TAKEN', 'A user with this email already exists.');
export const notYourOrganization = () => new ForbiddenError('ORGANIZATION.NOT_ADMINISTERED', 'You may only administer your own organization.');
export const rolesNotAllowed = (type: string, roles: string[]) =>
  new RuleViolationError('USER.ROLES_NOT_ALLOWED', `Roles ${roles.join(', ')} cannot be held in a ${type} organization.`, [
    'roles_not_allowed_for_organization_type',
  ]);
export const apiKeySecretNotReplayable = (apiKeyId: string) =>
  new ConflictError(
    'IDEMPOTENCY.SECRET_NOT_REPLAYABLE',
    'This Idempotency-Key already created an API key, whose secret is shown only once; revoke it and create another if the secret was lost.',
    { apiKeyId },
  );
