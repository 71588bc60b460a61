import { AccessDecision, accessForbidden, Actor, DomainError, grantAccess, OFFICER_ROLE, refuseAccess } from '@app/core';

/**
 * Hiring checks and hires are made by an agency for itself (c. 6E §4(d)): its checks are
 * scoped to it, and no other organization makes or reads any.
 */
export function hiringAccess(actor: Actor): AccessDecision<{ agencyId: string }> {
  return actor.organizationType === 'agency' && actor.organizationId ? grantAccess({ agencyId: actor.organizationId }) : refuseAccess(accessForbidden());
}

/**
 * An agency's roster (DOMAIN.md "Monitoring and notices"): its own users, and the commission
 * for every agency. Another organization's user is refused as if the agency did not exist.
 */
export function rosterAccess(actor: Actor, agencyId: string, notFound: () => DomainError): AccessDecision<{ agencyId: string }> {
  if (actor.organizationType === 'commission') return grantAccess({ agencyId });
  return actor.organizationType === 'agency' && actor.organizationId === agencyId ? grantAccess({ agencyId }) : refuseAccess(notFound());
}

/**
 * The list of checks: an agency its own; the commission every agency's (oversight of the duty to
 * check before hiring, c. 6E §4(d)), optionally one agency's. `agencyId` null: all.
 */
export function hiringCheckListAccess(actor: Actor, requestedAgencyId?: string): AccessDecision<{ agencyId: string | null; nothing: boolean }> {
  if (actor.organizationType === 'commission') return grantAccess({ agencyId: requestedAgencyId ?? null, nothing: false });
  if (actor.organizationType !== 'agency') return refuseAccess(accessForbidden());
  // Another agency's checks are not a refusal to explain but an empty list: never a hint they exist.
  return grantAccess({ agencyId: actor.organizationId, nothing: requestedAgencyId !== undefined && requestedAgencyId !== actor.organizationId });
}

/** The checks that found an officer are about them: the officer's own account reads which agencies ran them (DOMAIN.md "The officer's own record"). */
export function checksAboutMeAccess(actor: Actor): AccessDecision<{ officerId: string }> {
  return actor.roles.includes(OFFICER_ROLE) && actor.officerId ? grantAccess({ officerId: actor.officerId }) : refuseAccess(accessForbidden());
}
