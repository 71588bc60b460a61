import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor, hasAnyRole, Role } from '@app/core';
import { roleRequired } from './auth.errors';
import { ANY_AUTHENTICATED, IS_PUBLIC, REQUIRED_ROLES } from './decorators';

/**
 * Default-deny on roles too: a route that declares neither @Public, @AnyAuthenticated nor
 * @Roles is refused for everyone, so a forgotten rule fails closed (and the authorization
 * matrix test names it).
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    if (this.reflector.getAllAndOverride<boolean>(ANY_AUTHENTICATED, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    const actor = context.switchToHttp().getRequest<{ user?: Actor }>().user;
    if (roles?.length && actor && hasAnyRole(actor, roles)) return true;
    throw roleRequired();
  }
}
