import { AccessDecision, accessForbidden, Actor, COMMISSION_ROLES, grantAccess, hasAnyRole, refuseAccess } from '@app/core';

/**
 * Whose notices an actor reads: every officer's for the commission (the 10-day duty is the
 * commission's to watch). The officer reads their own: when the `officer` role arrives (issue
 * 22), it is granted `{ officerId }` here, and the service's query already scopes by it. An
 * agency reads none: a notice says what was submitted about the officer by anyone.
 */
export type NoticeReadScope = { readonly everyOfficer: true } | { readonly officerId: string };

export function noticeReadAccess(actor: Actor): AccessDecision<NoticeReadScope> {
  if (hasAnyRole(actor, COMMISSION_ROLES)) return grantAccess({ everyOfficer: true });
  return refuseAccess(accessForbidden());
}

/** The commission's list across officers (`GET /notices`), overdue ones included. */
export function noticeQueueAccess(actor: Actor): AccessDecision<{ everyOfficer: true }> {
  return hasAnyRole(actor, COMMISSION_ROLES) ? grantAccess({ everyOfficer: true }) : refuseAccess(accessForbidden());
}
