import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { Actor } from '@app/core';
import { UsersService } from '@app/organizations';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { JwtClaims } from './auth.service';

/**
 * The secret is a KeyObject: jsonwebtoken with a string secret costs ~0.4 ms per verify,
 * a KeyObject ~14 µs (research/stack.md §3.2).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: ConfigService,
    private readonly users: UsersService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: createSecretKey(Buffer.from(config.get<string>('jwt.secret')!)) as unknown as string,
      algorithms: ['HS256'],
      issuer: 'post-registry',
      passReqToCallback: true,
    });
  }

  async validate(request: { id?: string }, claims: JwtClaims): Promise<Actor | false> {
    const user = await this.users.findForAuthentication(claims.sub);
    if (!user || user.disabledAt || user.organizationId !== claims.org) return false;
    // Issued before the user's last password change (tokens from before versions count as 0).
    if ((claims.tv ?? 0) !== user.tokenVersion) return false;
    return {
      kind: 'user',
      id: user.id,
      organizationId: user.organizationId,
      organizationType: user.organizationType,
      ...(user.officerId ? { officerId: user.officerId } : {}),
      roles: user.roles,
      requestId: request.id,
      ...(claims.scope === 'mfa_enrolment' ? { limitedTo: 'mfa_enrolment' as const } : {}),
    };
  }
}
