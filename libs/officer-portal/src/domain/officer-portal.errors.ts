import { ConflictError, ForbiddenError } from '@app/core';

/** Only the commission and the agency that employs the officer now invite them (API.md "Officers' own accounts"). */
export const notCurrentEmployer = () =>
  new ForbiddenError('OFFICER_ACCOUNT.NOT_CURRENT_EMPLOYER', "Only the commission or the officer's current employing agency invites the officer.");
/** An activated account gets a password reset, not a second invitation (which would set its password again). */
export const officerAccountActive = () =>
  new ConflictError('OFFICER_ACCOUNT.ACTIVE', "The officer's account is already active; an administrator may start a password reset instead.");
