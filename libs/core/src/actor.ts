import { OrganizationType, Role } from './roles';

/** Who is acting: a signed-in user or a machine client's API key, always for one organization. */
export interface Actor {
  kind: 'user' | 'api_key';
  id: string;
  organizationId: string;
  organizationType: OrganizationType;
  roles: Role[];
  /** Correlates the audit entry with the request log line. */
  requestId?: string;
  /**
   * A user whose roles require a second factor and who has none yet: the token is good for
   * `GET /me` and enrolment only (API.md "Accounts"); every other route answers 403.
   */
  limitedTo?: 'mfa_enrolment';
}

/** The registry itself acting (daily jobs). */
export function systemActor(organizationId: string): Actor {
  return { kind: 'user', id: 'system', organizationId, organizationType: 'commission', roles: [] };
}

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}
