import { AccessDecision, Actor, COMMISSION_ROLES, grantAccess, hasAnyRole } from '@app/core';

/**
 * Whose restricted record (date of birth, SSN digits, employment history) an actor reads:
 * every officer for the commission; for an agency, the officers it employs or employed. Past
 * employers keep access because their duties outlast the employment: a separation and
 * misconduct found afterwards must still be reported (c. 6E §8(b); 555 CMR 12.03). Anyone
 * else reads none: their lookup is the 404 of an unknown POST ID.
 */
export type OfficerRecordScope = { readonly everyOfficer: true } | { readonly employedBy: string } | { readonly noOfficer: true };

export function officerRecordAccess(actor: Actor): AccessDecision<OfficerRecordScope> {
  if (hasAnyRole(actor, COMMISSION_ROLES)) return grantAccess({ everyOfficer: true });
  if (actor.organizationType === 'agency' && actor.organizationId) return grantAccess({ employedBy: actor.organizationId });
  return grantAccess({ noOfficer: true });
}

/** Free-text separation notes are the separating agency's word to the commission, not to other employers. */
export function mayReadSeparationNotes(actor: Actor, separatingAgencyId: string): boolean {
  return hasAnyRole(actor, COMMISSION_ROLES) || actor.organizationId === separatingAgencyId;
}
