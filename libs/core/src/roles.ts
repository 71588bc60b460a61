/**
 * Roles of API.md "Actors and roles". A staff role belongs to exactly one organization type;
 * `officer` to none: an officer's own account is bound to one officer (API.md "Officers' own
 * accounts"), so no organization's users may hold it.
 */
export const ROLES = [
  'commission_admin',
  'commission_investigator',
  'commission_adjudicator',
  'agency_admin',
  'agency_hiring',
  'academy_registrar',
  'officer',
] as const;
export type Role = (typeof ROLES)[number];

export const ORGANIZATION_TYPES = ['commission', 'agency', 'academy'] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export const ROLES_BY_ORGANIZATION_TYPE: Record<OrganizationType, readonly Role[]> = {
  commission: ['commission_admin', 'commission_investigator', 'commission_adjudicator'],
  agency: ['agency_admin', 'agency_hiring'],
  academy: ['academy_registrar'],
};

/** The officer's own account. */
export const OFFICER_ROLE = 'officer' satisfies Role;

export const COMMISSION_ROLES: readonly Role[] = ROLES_BY_ORGANIZATION_TYPE.commission;

export function rolesAllowedFor(type: OrganizationType, roles: readonly Role[]): boolean {
  return roles.length > 0 && roles.every((role) => ROLES_BY_ORGANIZATION_TYPE[type].includes(role));
}
