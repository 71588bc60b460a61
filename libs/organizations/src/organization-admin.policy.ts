import { AccessDecision, Actor, grantAccess, refuseAccess } from '@app/core';
import { notYourOrganization, organizationNotFound } from './domain/organizations.errors';

/**
 * API.md: users and keys of an organization are managed by commission_admin, or by that
 * organization's own admin (agency_admin) for its own organization. Organizations are no
 * secret (any caller lists them), so administering another one is a 403, not a 404.
 */
export function organizationAdminAccess(actor: Actor, organizationId: string | null): AccessDecision<void> {
  if (actor.roles.includes('commission_admin')) return grantAccess(undefined);
  if (actor.roles.includes('agency_admin') && organizationId !== null && actor.organizationId === organizationId) return grantAccess(undefined);
  return refuseAccess(notYourOrganization());
}

/**
 * The users or keys the actor administers, as a `where` fragment: everything for
 * commission_admin, its own organization's for anyone else. Used in the lookup itself, so
 * another organization's user or key is "not found", never "forbidden" (API.md: existence
 * never leaks across organizations; DESIGN.md rule 8).
 */
export function administeredRecordsAccess(actor: Actor): AccessDecision<{ organizationId?: string }> {
  if (actor.roles.includes('commission_admin')) return grantAccess({});
  // No organization (an officer's own account): nothing to administer, and never "every organization".
  return actor.organizationId ? grantAccess({ organizationId: actor.organizationId }) : refuseAccess(notYourOrganization());
}

/**
 * Reading an organization's users and keys: commission_admin, or that organization's own
 * admin. Who works elsewhere, and under which keys, is not another organization's business:
 * there it is the 404 of an unknown organization (API.md conventions), not a 403.
 */
export function organizationMembersReadAccess(actor: Actor, organizationId: string): AccessDecision<void> {
  if (actor.roles.includes('commission_admin')) return grantAccess(undefined);
  if (actor.roles.includes('agency_admin') && actor.organizationId === organizationId) return grantAccess(undefined);
  return refuseAccess(organizationNotFound());
}
