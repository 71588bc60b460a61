import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { authenticationRequired } from './domain/auth.errors';
import { IS_PUBLIC } from './decorators';

/** Global and default-deny: every route needs a valid token or API key unless marked @Public(). */
@Injectable()
export class AuthenticationGuard extends AuthGuard(['jwt', 'api-key']) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    return super.canActivate(context);
  }

  override handleRequest<T>(error: unknown, actor: T): T {
    // A strategy's own error (a DomainError, a database failure) goes to the filter as it is.
    if (error instanceof Error) throw error;
    if (error || !actor) throw authenticationRequired();
    return actor;
  }
}
