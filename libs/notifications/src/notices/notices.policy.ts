import { AccessDecision, accessForbidden, Actor, COMMISSION_ROLES, grantAccess, hasAnyRole, OFFICER_ROLE, refuseAccess } from '@app/core';

/**
 * Whose notices an actor reads: every officer's for the commission (the 10-day duty is the
 * commission's to watch). The officer's own account reads its officer's (`{ officerId }`, issue
 * 22), and the service's query scopes by it. An agency reads none: a notice says what was
 * submitted about the officer by anyone.
 */
export type NoticeReadScope = { readonly everyOfficer: true } | { readonly officerId: string };

export function noticeReadAccess(actor: Actor): AccessDecision<NoticeReadScope> {
  if (hasAnyRole(actor, COMMISSION_ROLES)) return grantAccess({ everyOfficer: true });
  if (actor.roles.includes(OFFICER_ROLE) && actor.officerId) return grantAccess({ officerId: actor.officerId });
  return refuseAccess(accessForbidden());
}

/** The commission's list across officers (`GET /notices`), overdue ones included. */
export function noticeQueueAccess(actor: Actor): AccessDecision<{ everyOfficer: true }> {
  return hasAnyRole(actor, COMMISSION_ROLES) ? grantAccess({ everyOfficer: true }) : refuseAccess(accessForbidden());
}
