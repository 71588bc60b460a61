import { AccessDecision, accessForbidden, Actor, grantAccess, hasAnyRole, refuseAccess } from '@app/core';

/**
 * Imports load a state's records wholesale (API.md "Imports"): the commission's administrators
 * alone start them and read their reports, which name officers and their source ids.
 */
export function importAccess(actor: Actor): AccessDecision<{ commission: true }> {
  return actor.organizationType === 'commission' && hasAnyRole(actor, ['commission_admin'])
    ? grantAccess({ commission: true })
    : refuseAccess(accessForbidden());
}
