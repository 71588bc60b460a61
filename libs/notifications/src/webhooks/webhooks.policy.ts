import { AccessDecision, accessForbidden, Actor, grantAccess, refuseAccess } from '@app/core';

/** An agency's webhooks are its administrators' (API.md: agency_admin, the agency is the caller's); nobody else's. */
export function webhookAdminAccess(actor: Actor): AccessDecision<{ organizationId: string }> {
  return actor.organizationType === 'agency' && actor.organizationId && actor.roles.includes('agency_admin')
    ? grantAccess({ organizationId: actor.organizationId })
    : refuseAccess(accessForbidden());
}
