import { Actor } from '@app/core';
import { notYourOrganization } from './domain/organizations.errors';

/**
 * API.md: users and keys of an organization are managed by commission_admin, or by that
 * organization's own admin (agency_admin) for its own organization.
 */
export function assertMayAdministerOrganization(actor: Actor, organizationId: string): void {
  if (actor.roles.includes('commission_admin')) return;
  if (actor.roles.includes('agency_admin') && actor.organizationId === organizationId) return;
  throw notYourOrganization();
}

/**
 * The rows of users or keys the actor administers, as a `where` fragment: everything for
 * commission_admin, its own organization's for anyone else. Used in the lookup itself, so
 * another organization's user or key is "not found", never "forbidden" (API.md: existence
 * never leaks across organizations; DESIGN.md rule 8).
 */
export function administeredScope(actor: Actor): { organizationId?: string } {
  return actor.roles.includes('commission_admin') ? {} : { organizationId: actor.organizationId };
}
