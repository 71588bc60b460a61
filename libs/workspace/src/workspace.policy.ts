import { AccessDecision, accessForbidden, Actor, COMMISSION_ROLES, grantAccess, hasAnyRole, refuseAccess } from '@app/core';

/** The workspace is the commission's: what is due across every agency, and the registry's figures. */
export function workspaceAccess(actor: Actor): AccessDecision<true> {
  return hasAnyRole(actor, COMMISSION_ROLES) ? grantAccess(true) : refuseAccess(accessForbidden());
}

/** An officer's whole audit trail: the commission administrator's, as the rest of the audit log (API.md "Audit"). */
export function officerAuditAccess(actor: Actor): AccessDecision<true> {
  return hasAnyRole(actor, ['commission_admin']) ? grantAccess(true) : refuseAccess(accessForbidden());
}
