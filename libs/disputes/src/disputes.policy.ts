import { AccessDecision, accessForbidden, Actor, COMMISSION_ROLES, grantAccess, hasAnyRole, OFFICER_ROLE, refuseAccess, Role } from '@app/core';

/** The officer disputes their own record only: the account's officer is the scope of every query. */
export function ownDisputesAccess(actor: Actor): AccessDecision<{ officerId: string }> {
  return actor.roles.includes(OFFICER_ROLE) && actor.officerId ? grantAccess({ officerId: actor.officerId }) : refuseAccess(accessForbidden());
}

/** The commission reads every officer's disputes (`GET /disputes`). */
export function disputeQueueAccess(actor: Actor): AccessDecision<{ everyOfficer: true }> {
  return hasAnyRole(actor, COMMISSION_ROLES) ? grantAccess({ everyOfficer: true }) : refuseAccess(accessForbidden());
}

/** API.md: commission_admin and commission_adjudicator resolve disputes. */
export const DISPUTE_RESOLVER_ROLES: readonly Role[] = ['commission_admin', 'commission_adjudicator'];

export function disputeResolveAccess(actor: Actor): AccessDecision<void> {
  return hasAnyRole(actor, DISPUTE_RESOLVER_ROLES) ? grantAccess(undefined) : refuseAccess(accessForbidden());
}
