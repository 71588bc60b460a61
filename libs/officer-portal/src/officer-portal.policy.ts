import { AccessDecision, accessForbidden, Actor, grantAccess, hasAnyRole, OFFICER_ROLE, refuseAccess } from '@app/core';

/**
 * Who invites an officer to the portal: commission_admin for anyone; an agency's admin for the
 * officers it employs now (the service checks the employment in its transaction).
 */
export type InvitationScope = { readonly anyOfficer: true } | { readonly employedNowBy: string };

export function invitationAccess(actor: Actor): AccessDecision<InvitationScope> {
  if (hasAnyRole(actor, ['commission_admin'])) return grantAccess({ anyOfficer: true });
  if (actor.organizationType === 'agency' && actor.organizationId && hasAnyRole(actor, ['agency_admin'])) {
    return grantAccess({ employedNowBy: actor.organizationId });
  }
  return refuseAccess(accessForbidden());
}

/** The officer's own account, and nobody else, reads `/me/record`. */
export function ownPortalAccess(actor: Actor): AccessDecision<{ officerId: string }> {
  return actor.roles.includes(OFFICER_ROLE) && actor.officerId ? grantAccess({ officerId: actor.officerId }) : refuseAccess(accessForbidden());
}
