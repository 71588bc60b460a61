import { AccessDecision, accessForbidden, Actor, DomainError, grantAccess, refuseAccess } from '@app/core';

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
