import { AccessDecision, accessForbidden, Actor, COMMISSION_ROLES, grantAccess, hasAnyRole, refuseAccess } from '@app/core';
import { caseNotFound } from './domain';

/**
 * Cases: the commission reads every case whole; an agency reads a case it reported into
 * (status and outcome only, API.md `GET /cases/:id`); anyone else gets the 404 of an unknown case.
 */
export type CaseReadScope = { readonly view: 'commission' } | { readonly view: 'reporting_agency'; readonly agencyId: string };

export function caseReadAccess(actor: Actor): AccessDecision<CaseReadScope> {
  if (hasAnyRole(actor, COMMISSION_ROLES)) return grantAccess({ view: 'commission' });
  if (actor.organizationType === 'agency' && actor.organizationId) return grantAccess({ view: 'reporting_agency', agencyId: actor.organizationId });
  return refuseAccess(caseNotFound());
}

/** Misconduct reports are read by the commission (every agency's: `agencyId` null) and by the agency that filed them. */
export function reportReadAccess(actor: Actor): AccessDecision<{ agencyId: string | null }> {
  if (hasAnyRole(actor, COMMISSION_ROLES)) return grantAccess({ agencyId: null });
  // An officer's own account has no organization: "null" would read as every agency's.
  return actor.organizationId ? grantAccess({ agencyId: actor.organizationId }) : refuseAccess(accessForbidden());
}

/**
 * An agency files and amends reports and records separations for itself only (c. 6E §8(b)),
 * about officers it employs or employed; another agency's are the 404 of unknown ones.
 */
export function agencyFilingAccess(actor: Actor): AccessDecision<{ agencyId: string }> {
  return actor.organizationType === 'agency' && actor.organizationId ? grantAccess({ agencyId: actor.organizationId }) : refuseAccess(accessForbidden());
}
