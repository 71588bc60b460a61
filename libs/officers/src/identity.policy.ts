import { AccessDecision, accessForbidden, Actor, grantAccess, hasAnyRole, refuseAccess } from '@app/core';

/**
 * Who adds an alias (API.md "Identity changes and merges"): the commission's administrator for
 * any officer; an agency's administrator for an officer it employs now; an academy's registrar
 * for an officer it enrolled (registered). Outside that scope the officer reads as unknown (404).
 */
export type AliasScope = { readonly everyOfficer: true } | { readonly employedBy: string } | { readonly enrolledBy: string };

export function aliasAccess(actor: Actor): AccessDecision<AliasScope> {
  if (hasAnyRole(actor, ['commission_admin'])) return grantAccess({ everyOfficer: true });
  if (actor.organizationType === 'agency' && actor.organizationId && hasAnyRole(actor, ['agency_admin']))
    return grantAccess({ employedBy: actor.organizationId });
  if (actor.organizationType === 'academy' && actor.organizationId && hasAnyRole(actor, ['academy_registrar']))
    return grantAccess({ enrolledBy: actor.organizationId });
  return refuseAccess(accessForbidden());
}

/** Names, dates of birth and SSN digits are corrected by the commission's administrator alone, with a reason. */
export function identityChangeAccess(actor: Actor): AccessDecision<true> {
  return hasAnyRole(actor, ['commission_admin']) ? grantAccess(true) : refuseAccess(accessForbidden());
}
