import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessAttempt, AccessControl } from '@app/audit';
import { accessForbidden, Actor, hasAnyRole, Role } from '@app/core';
import { ANY_AUTHENTICATED, IS_PUBLIC, REQUIRED_ROLES } from './decorators';

/** The audit entity type of a route's first path segment after the API prefix. */
const ENTITY_TYPE_BY_SEGMENT: Record<string, string> = {
  cases: 'case',
  officers: 'officer',
  'hiring-checks': 'hiring_check',
  'misconduct-reports': 'misconduct_report',
  employments: 'employment',
  organizations: 'organization',
  courses: 'course',
  'training-completions': 'training_completion',
  audit: 'audit_log',
  users: 'user',
  'api-keys': 'api_key',
};

interface GuardedRequest {
  user?: Actor;
  id?: string;
  method?: string;
  params?: Record<string, string | undefined>;
  routeOptions?: { url?: string };
}

/** What a refused attempt is recorded as: the route, and the record's type and id where the route names one. */
function refusedAttempt(request: GuardedRequest, required: readonly Role[] | undefined): AccessAttempt {
  const route = request.routeOptions?.url ?? '';
  const segment = route.replace(/^\/api\/v\d+\//, '').split('/')[0] ?? '';
  const params = request.params ?? {};
  return {
    action: `${request.method ?? ''} ${route}`,
    entityType: ENTITY_TYPE_BY_SEGMENT[segment] ?? 'route',
    entityId: params.id ?? null,
    details: { method: request.method ?? null, route, ...(params.postId ? { postId: params.postId } : {}), requiredRoles: required ?? [] },
  };
}

/**
 * Default-deny on roles too: a route that declares neither @Public, @AnyAuthenticated nor
 * @Roles is refused for everyone, so a forgotten rule fails closed (and the authorization
 * matrix test names it). A refusal is the one 403 of a context's policy too, audited the same
 * way (`AccessControl`, DOMAIN.md "Audit": refused attempts, 403 on restricted records): an
 * agency user probing `GET /cases/:id` is on that case's trail.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessControl,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(ANY_AUTHENTICATED, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    const request = context.switchToHttp().getRequest<GuardedRequest>();
    const actor = request.user;
    if (roles?.length && actor && hasAnyRole(actor, roles)) return true;
    if (!actor) throw accessForbidden();
    return this.access.refuse({ ...actor, requestId: actor.requestId ?? request.id }, refusedAttempt(request, roles), accessForbidden());
  }
}
