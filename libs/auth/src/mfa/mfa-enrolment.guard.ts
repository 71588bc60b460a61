import { CanActivate, ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor } from '@app/core';
import { mfaEnrolmentRequired } from './domain/mfa.errors';

export const ALLOWED_BEFORE_MFA_ENROLMENT = 'auth:before-mfa-enrolment';

/** The route is open to the limited token of a user who must enrol a second factor first (`GET /me`, enrolment). */
export const AllowedBeforeMfaEnrolment = () => SetMetadata(ALLOWED_BEFORE_MFA_ENROLMENT, true);

/**
 * Runs after authentication and before the role check: a limited token (a user whose roles
 * require a second factor and who has none yet) reaches only the routes marked above; every
 * other route answers 403 AUTH.MFA_ENROLMENT_REQUIRED, whatever the user's roles.
 */
@Injectable()
export class MfaEnrolmentGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const actor = context.switchToHttp().getRequest<{ user?: Actor }>().user;
    if (actor?.limitedTo !== 'mfa_enrolment') return true;
    if (this.reflector.getAllAndOverride<boolean>(ALLOWED_BEFORE_MFA_ENROLMENT, [context.getHandler(), context.getClass()])) return true;
    throw mfaEnrolmentRequired();
  }
}
