import { Actor } from '@app/core';
import { notYourOrganization } from './organizations.errors';

/**
 * API.md: users and keys of an organization are managed by commission_admin, or by that
 * organization's own admin (agency_admin) for its own organization.
 */
export function assertMayAdministerOrganization(actor: Actor, organizationId: string): void {
  if (actor.roles.includes('commission_admin')) return;
  if (actor.roles.includes('agency_admin') && actor.organizationId === organizationId) return;
  throw notYourOrganization();
}
