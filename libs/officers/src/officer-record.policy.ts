import { AccessDecision, Actor, addYears, COMMISSION_ROLES, grantAccess, hasAnyRole, IsoDate, OFFICER_ROLE } from '@app/core';

/**
 * Whose restricted record (date of birth, SSN digits, employment history) an actor reads:
 * every officer for the commission; for an agency, the officers it employs or employed. Past
 * employers keep access because their duties outlast the employment: a separation and
 * misconduct found afterwards must still be reported (c. 6E §8(b); 555 CMR 12.03). An
 * officer's own account reads its own officer (API.md "Officers' own accounts"). Anyone else
 * reads none: their lookup is the 404 of an unknown POST ID.
 */
export type OfficerRecordScope =
  { readonly everyOfficer: true } | { readonly employedBy: string } | { readonly ownRecord: string } | { readonly noOfficer: true };

export function officerRecordAccess(actor: Actor): AccessDecision<OfficerRecordScope> {
  if (hasAnyRole(actor, COMMISSION_ROLES)) return grantAccess({ everyOfficer: true });
  if (actor.organizationType === 'agency' && actor.organizationId) return grantAccess({ employedBy: actor.organizationId });
  if (actor.roles.includes(OFFICER_ROLE) && actor.officerId) return grantAccess({ ownRecord: actor.officerId });
  return grantAccess({ noOfficer: true });
}

/** Free-text separation notes are the separating agency's word to the commission, not to other employers. */
export function mayReadSeparationNotes(actor: Actor, separatingAgencyId: string): boolean {
  return hasAnyRole(actor, COMMISSION_ROLES) || actor.organizationId === separatingAgencyId;
}

/** How long a former employer keeps reading the officer's date of birth, SSN digits and address: 12 months after the separation. */
export const FORMER_EMPLOYER_IDENTITY_YEARS = 1;

/**
 * The identity's restricted fields (date of birth, SSN last four, email) within a visible record
 * (issue 21 item 5). The commission always; an agency while it employs the officer, and a former
 * employer through the first anniversary of its last separation from the officer (12 months after
 * it, that day included; from the next day, never again). What a separating agency still owes
 * (reporting misconduct found afterwards, c. 6E §8(b); 555 CMR 12.03) needs the officer's POST ID
 * and employment, not the identifiers a stranger could misuse: the record stays visible, these
 * fields read null. Pure: `employments` are the officer's, `today` the registry's calendar day.
 */
export function mayReadRestrictedIdentity(
  scope: OfficerRecordScope,
  employments: readonly { agencyId: string; endDate: IsoDate | null }[],
  today: IsoDate,
): boolean {
  if ('everyOfficer' in scope) return true;
  if ('noOfficer' in scope) return false;
  // The officer's own account: they are their own identifiers.
  if ('ownRecord' in scope) return true;
  return employments.some(
    (employment) =>
      employment.agencyId === scope.employedBy && (employment.endDate === null || today <= addYears(employment.endDate, FORMER_EMPLOYER_IDENTITY_YEARS)),
  );
}
