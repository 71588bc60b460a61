import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { Actor, Clock } from '@app/core';
import { decoyPasswordHash, hashPassword, UserEntity, UsersService, verifyPassword } from '@app/organizations';
import { DataSource } from 'typeorm';
import { currentPasswordWrong, invalidCredentials, passwordOfUsersOnly, passwordUnchanged } from './domain/auth.errors';
import { afterFailedLogin, afterSuccessfulLogin, isLocked } from './domain/login-lockout';
import { ENROLMENT_TOKEN_TTL_SECONDS } from './mfa/domain/second-factor';
import { MfaChallenge, SecondFactorService } from './mfa/second-factor.service';

export interface AccessToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  /** Present on the limited token of a user who must enrol a second factor first (API.md "Accounts"). */
  mfaEnrolmentRequired?: true;
}

export interface JwtClaims {
  sub: string;
  /** Null for an officer's own account (no organization). */
  org: string | null;
  /** The user's token version when issued: a password change raises it, refusing every earlier token. */
  tv?: number;
  /** A limited token: `GET /me` and second-factor enrolment only (MfaEnrolmentGuard). */
  scope?: 'mfa_enrolment';
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly config: ConfigService,
    private readonly secondFactor: SecondFactorService,
  ) {}

  /**
   * Every outcome is audited in its own transaction; unknown, wrong, locked and disabled
   * all answer the same 401 and cost one argon2 verification. A right password of a user with a
   * second factor leads to its challenge (SecondFactorService); of a user whose roles require one
   * and who has none yet, to a token good for enrolment only.
   */
  async login(email: string, password: string, requestId?: string): Promise<AccessToken | MfaChallenge> {
    const normalized = email.toLowerCase();
    const user = await this.users.findByEmail(normalized);
    const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), password);
    const now = this.clock.now();
    const failure = (reason: string, userId: string | null) =>
      this.audit.recordStandalone(null, {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: userId,
        details: { email: normalized, reason, requestId },
      });

    if (!user) {
      await failure('unknown_user', null);
      throw invalidCredentials();
    }
    if (user.disabledAt) {
      await failure('disabled', user.id);
      throw invalidCredentials();
    }
    if (!passwordOk || isLocked(user, now)) {
      await this.recordFailure(user.id, now, passwordOk ? 'locked' : 'wrong_password', normalized, requestId);
      throw invalidCredentials();
    }
    const next = await this.secondFactor.afterCorrectPassword(user);
    if (next === 'challenge') return this.secondFactor.issueChallenge(user, requestId);
    await this.dataSource.transaction(async (manager) => {
      await this.users.recordLoginAttempts(manager, user.id, afterSuccessfulLogin());
      await this.audit.record(
        manager,
        { kind: 'user', id: user.id, organizationId: user.organizationId, organizationType: 'commission', roles: user.roles, requestId },
        {
          action: 'auth.login',
          entityType: 'user',
          entityId: user.id,
          ...(next === 'enrolment_only' ? { details: { limitedTo: 'mfa_enrolment' } } : {}),
        },
      );
    });
    return this.issueToken(user, next === 'enrolment_only' ? 'mfa_enrolment' : undefined);
  }

  /** The second step (`POST /auth/login/mfa`): the challenge of the first and a code, then the usual token. */
  async loginWithSecondFactor(challengeToken: string, code: string, requestId?: string): Promise<AccessToken> {
    return this.issueToken(await this.secondFactor.passChallenge(challengeToken, code, requestId));
  }

  /**
   * API.md "Accounts": the current password, then the new one; every token issued before stops
   * working (the version in them no longer matches) and a fresh one is returned. A wrong current
   * password counts toward the lockout as a wrong login does: a stolen token must not become a
   * way to guess the password.
   */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<AccessToken> {
    if (actor.kind !== 'user') throw passwordOfUsersOnly();
    const user = await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: actor.id });
    if (!user.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword)) || isLocked(user, this.clock.now())) {
      await this.recordFailure(user.id, this.clock.now(), 'wrong_current_password', user.email, actor.requestId);
      throw currentPasswordWrong();
    }
    if (currentPassword === newPassword) throw passwordUnchanged();
    const passwordHash = await hashPassword(newPassword);
    const changed = await this.dataSource.transaction(async (manager) => {
      const changed = await this.users.replacePassword(manager, user.id, passwordHash, afterSuccessfulLogin());
      await this.audit.record(manager, actor, {
        action: 'auth.password_changed',
        entityType: 'user',
        entityId: user.id,
        details: { tokensRevokedBefore: changed.tokenVersion },
      });
      return changed;
    });
    return this.issueToken(changed);
  }

  private async issueToken(user: Pick<UserEntity, 'id' | 'organizationId' | 'tokenVersion'>, scope?: JwtClaims['scope']): Promise<AccessToken> {
    const ttl = this.config.get<number>('jwt.ttlMinutes')! * 60;
    const expiresIn = scope ? Math.min(ttl, ENROLMENT_TOKEN_TTL_SECONDS) : ttl;
    const claims: JwtClaims = { sub: user.id, org: user.organizationId, tv: user.tokenVersion, ...(scope ? { scope } : {}) };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn });
    return scope ? { accessToken, tokenType: 'Bearer', expiresIn, mfaEnrolmentRequired: true } : { accessToken, tokenType: 'Bearer', expiresIn };
  }

  /** Row-locked so that parallel wrong guesses all count. A failure while locked does not extend the lock. */
  private async recordFailure(userId: string, now: Date, reason: string, email: string, requestId?: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const user = await this.users.lockForLogin(manager, userId);
      if (!user) return;
      let locked = false;
      if (!isLocked(user, now)) {
        const next = afterFailedLogin(user, now, this.config.get<number>('loginLockMinutes')!);
        locked = isLocked(next, now);
        await this.users.recordLoginAttempts(manager, userId, next);
      }
      await this.audit.record(manager, null, {
        action: locked ? 'auth.account_locked' : 'auth.login_failed',
        entityType: 'user',
        entityId: userId,
        details: { email, reason, requestId },
      });
    });
  }
}
