import { accessForbidden } from './access';
import { OrganizationType, Role } from './roles';

/**
 * Who is acting: a signed-in user or a machine client's API key, for one organization; or an
 * officer's own account (role `officer`, API.md "Officers' own accounts"), which belongs to no
 * organization and sees only its own officer (`officerId`).
 */
export interface Actor {
  kind: 'user' | 'api_key';
  id: string;
  /** Null for an officer's own account (role `officer`): it belongs to no organization. */
  organizationId: string | null;
  organizationType: OrganizationType | null;
  /** The officer's own account: the one officer (internal id) it sees; absent for every other actor. */
  officerId?: string;
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

/**
 * The organization an actor acts for, where the action needs one (an idempotency key's scope, a
 * creator): an officer's own account has none and is refused, never scoped to "no organization".
 */
export function organizationOf(actor: Actor): string {
  if (actor.organizationId === null) throw accessForbidden();
  return actor.organizationId;
}

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}
