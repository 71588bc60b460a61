import { AccessDecision, accessForbidden, Actor, grantAccess, refuseAccess } from '@app/core';

/**
 * Hiring checks and hires are made by an agency for itself (c. 6E §4(d)): its checks are
 * scoped to it, and no other organization makes or reads any.
 */
export function hiringAccess(actor: Actor): AccessDecision<{ agencyId: string }> {
  return actor.organizationType === 'agency' ? grantAccess({ agencyId: actor.organizationId }) : refuseAccess(accessForbidden());
}
