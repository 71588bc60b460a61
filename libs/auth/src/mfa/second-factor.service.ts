import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl, AuditRecord, AuditService } from '@app/audit';
import { accessForbidden, Actor, Clock, grantAccess, refuseAccess, Role } from '@app/core';
import { UserEntity, userNotFound, UsersService } from '@app/organizations';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { afterFailedLogin, afterSuccessfulLogin, isLocked } from '../domain/login-lockout';
import {
  afterCorrectPassword,
  CHALLENGE_TTL_SECONDS,
  challengeRefusal,
  codeKind,
  CodeKind,
  formatRecoveryCode,
  mfaRequiredFor,
  normalizeRecoveryCode,
  PasswordOutcome,
  RECOVERY_CODE_COUNT,
} from './domain/second-factor';
import { mfaAlreadyEnrolled, mfaChallengeInvalid, mfaCodeInvalid, mfaConfirmationFailed, mfaEnrolmentNotStarted, mfaOfUsersOnly } from './domain/mfa.errors';
import { mfaStore } from './persistence/mfa.store';
import { SecondFactorKeys } from './secret-box';
import { acceptedTotpStep, newTotpSecret, totpUri } from './totp';

export interface MfaStatus {
  enrolled: boolean;
  required: boolean;
}

export interface MfaChallenge {
  mfaRequired: true;
  challengeToken: string;
  /** Seconds until the challenge expires. */
  expiresIn: number;
}

type SignedInUser = Pick<UserEntity, 'id' | 'organizationId' | 'tokenVersion'>;

const sha256 = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * The second factor (API.md "Accounts"): TOTP enrolment with recovery codes, the login
 * challenge between the password and the code, and an administrator's reset. Every write locks
 * the user's row first (one order, no deadlock between a sign-in and a reset) and is audited in
 * its transaction; no secret, code or token ever reaches an audit entry or a log line.
 */
@Injectable()
export class SecondFactorService {
  private readonly keys: SecondFactorKeys;
  private readonly requiredRoles: Role[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessControl,
    private readonly users: UsersService,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {
    this.keys = new SecondFactorKeys(config.getOrThrow<string>('secretsKey'));
    this.requiredRoles = config.get<Role[]>('mfa.requiredRoles') ?? [];
  }

  /** `GET /me`'s `mfa`: API keys have no second factor and need none. */
  async status(actor: Actor): Promise<MfaStatus> {
    if (actor.kind !== 'user') return { enrolled: false, required: false };
    return { enrolled: await mfaStore.isEnrolled(this.dataSource.manager, actor.id), required: mfaRequiredFor(actor.roles, this.requiredRoles) };
  }

  /** What a correct password leads to for this user (the login's next step). */
  async afterCorrectPassword(user: Pick<UserEntity, 'id' | 'roles'>): Promise<PasswordOutcome> {
    const enrolled = await mfaStore.isEnrolled(this.dataSource.manager, user.id);
    return afterCorrectPassword({ enrolled, required: mfaRequiredFor(user.roles, this.requiredRoles) });
  }

  /**
   * The password was right and a code is due. The lockout's failures are NOT cleared here: were
   * they, a thief with the password could guess codes four at a time between fresh sign-ins.
   */
  async issueChallenge(user: Pick<UserEntity, 'id' | 'organizationId' | 'roles'>, requestId?: string): Promise<MfaChallenge> {
    const challengeToken = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      await mfaStore.insertChallenge(manager, user.id, sha256(challengeToken), now, new Date(now.getTime() + CHALLENGE_TTL_SECONDS * 1000));
      await this.audit.record(manager, await this.actorOf(user.id, requestId), {
        action: 'auth.mfa_challenge_issued',
        entityType: 'user',
        entityId: user.id,
        details: { requestId },
      });
    });
    return { mfaRequired: true, challengeToken, expiresIn: CHALLENGE_TTL_SECONDS };
  }

  /** `POST /me/mfa/totp`: a new secret, pending until confirmed; a pending one is replaced. */
  async startEnrolment(actor: Actor): Promise<{ secret: string; otpauthUri: string }> {
    const userId = this.userOf(actor);
    const secret = newTotpSecret();
    const email = await this.dataSource.transaction(async (manager) => {
      const user = await this.lockUser(manager, userId);
      if ((await mfaStore.findFactor(manager, userId))?.confirmedAt) throw mfaAlreadyEnrolled();
      await mfaStore.savePendingFactor(manager, userId, this.keys.seal(secret, userId));
      await this.audit.record(manager, actor, { action: 'auth.mfa_enrolment_started', entityType: 'user', entityId: userId, details: { method: 'totp' } });
      return user.email;
    });
    return { secret, otpauthUri: totpUri(this.config.get<string>('mfa.issuer') ?? 'POST Registry', email, secret) };
  }

  /** `POST /me/mfa/totp/confirm`: a first code proves the app holds the secret; ten recovery codes, shown once. */
  async confirmEnrolment(actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
    const userId = this.userOf(actor);
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      await this.lockUser(manager, userId);
      const factor = await mfaStore.findFactor(manager, userId);
      if (!factor) throw mfaEnrolmentNotStarted();
      if (factor.confirmedAt) throw mfaAlreadyEnrolled();
      const step = acceptedTotpStep(this.keys.open(factor.secretCiphertext, userId), code, now, null);
      if (step === null) throw mfaConfirmationFailed();
      const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, () => formatRecoveryCode(randomBytes(10)));
      await mfaStore.confirmFactor(manager, userId, now, step);
      await mfaStore.replaceRecoveryCodes(
        manager,
        userId,
        recoveryCodes.map((recoveryCode) => this.keys.recoveryCodeHash(normalizeRecoveryCode(recoveryCode))),
      );
      await this.audit.record(manager, actor, {
        action: 'auth.mfa_enrolment_confirmed',
        entityType: 'user',
        entityId: userId,
        details: { method: 'totp', recoveryCodes: RECOVERY_CODE_COUNT },
      });
      return { recoveryCodes };
    });
  }

  /**
   * `POST /auth/login/mfa`: the challenge, then the code (TOTP or an unused recovery code).
   * A right code uses the challenge up (one use, whatever the process); a wrong one counts
   * toward the lockout as a wrong password does and leaves the challenge for a retry until it
   * expires or the account locks. The outcome is committed before any refusal is thrown.
   */
  async passChallenge(challengeToken: string, code: string, requestId?: string): Promise<SignedInUser> {
    const now = this.clock.now();
    const tokenHash = sha256(challengeToken);
    const outcome = await this.dataSource.transaction(async (manager): Promise<SignedInUser | 'challenge_refused' | 'code_refused'> => {
      // Read first to find the user; the user's row is locked before the challenge's (the order of every MFA write).
      const found = await manager.query<{ user_id: string }[]>(`SELECT user_id FROM mfa_challenge WHERE token_hash = $1`, [tokenHash]);
      if (found.length === 0) return 'challenge_refused';
      const user = await this.users.lockForLogin(manager, found[0].user_id);
      const challenge = await mfaStore.findChallengeForUpdate(manager, tokenHash);
      if (!user || !challenge) return 'challenge_refused';
      const actor = await this.actorOf(user.id, requestId);
      const failed = (details: Record<string, unknown>): AuditRecord => ({
        action: 'auth.mfa_challenge_failed',
        entityType: 'user',
        entityId: user.id,
        details: { ...details, requestId },
      });
      const refusal = challengeRefusal(challenge, now) ?? (user.disabledAt ? 'disabled' : null);
      if (refusal) {
        await this.audit.record(manager, actor, failed({ reason: `challenge_${refusal}` }));
        return 'challenge_refused';
      }
      // Locked: refused like a wrong code, without extending the lock (as at the password step).
      if (isLocked(user, now)) {
        await this.audit.record(manager, actor, failed({ reason: 'locked' }));
        return 'code_refused';
      }
      const kind = codeKind(code);
      const verdict = kind ? await this.checkCode(manager, user.id, kind, code, now) : 'wrong_code';
      if (verdict !== 'accepted') {
        const next = afterFailedLogin(user, now, this.config.get<number>('loginLockMinutes')!);
        await this.users.recordLoginAttempts(manager, user.id, next);
        const record = failed({ reason: verdict, method: kind });
        await this.audit.record(manager, actor, isLocked(next, now) ? { ...record, action: 'auth.account_locked' } : record);
        return 'code_refused';
      }
      await mfaStore.markChallengeUsed(manager, challenge.id, now);
      await this.users.recordLoginAttempts(manager, user.id, afterSuccessfulLogin());
      const entries: { actor: Actor; record: AuditRecord }[] = [
        { actor, record: { action: 'auth.mfa_challenge_passed', entityType: 'user', entityId: user.id, details: { method: kind, requestId } } },
      ];
      if (kind === 'recovery_code') {
        const remaining = await mfaStore.unusedRecoveryCodes(manager, user.id);
        entries.push({ actor, record: { action: 'auth.mfa_recovery_code_used', entityType: 'user', entityId: user.id, details: { remaining, requestId } } });
      }
      await this.audit.recordMany(manager, entries);
      return user;
    });
    if (outcome === 'challenge_refused') throw mfaChallengeInvalid();
    if (outcome === 'code_refused') throw mfaCodeInvalid();
    return outcome;
  }

  /**
   * `POST /users/:id/mfa/reset` (commission_admin): a lost phone. The factor, its recovery codes
   * and open challenges go, and every token the user holds stops working; the next sign-in
   * enrols anew when the user's roles require a factor.
   */
  async reset(actor: Actor, userId: string): Promise<MfaStatus> {
    const attempt = { action: 'auth.mfa_reset', entityType: 'user', entityId: userId };
    await this.access.require(actor, attempt, actor.roles.includes('commission_admin') ? grantAccess(undefined) : refuseAccess(accessForbidden()));
    const roles = await this.dataSource.transaction(async (manager) => {
      const user = await this.users.lockForLogin(manager, userId);
      if (!user) return null;
      const { hadFactor } = await mfaStore.clearFactor(manager, userId);
      const tokensRevokedBefore = await this.users.revokeTokens(manager, userId);
      await this.audit.record(manager, actor, { ...attempt, details: { hadFactor, tokensRevokedBefore } });
      return user.roles;
    });
    if (!roles) return this.access.refuse(actor, attempt, userNotFound());
    return { enrolled: false, required: mfaRequiredFor(roles, this.requiredRoles) };
  }

  private async checkCode(
    manager: EntityManager,
    userId: string,
    kind: CodeKind,
    code: string,
    now: Date,
  ): Promise<'accepted' | 'wrong_code' | 'replayed_code' | 'not_enrolled' | 'factor_unreadable'> {
    if (kind === 'recovery_code') {
      return (await mfaStore.useRecoveryCode(manager, userId, this.keys.recoveryCodeHash(normalizeRecoveryCode(code)), now)) ? 'accepted' : 'wrong_code';
    }
    const factor = await mfaStore.findFactor(manager, userId, true);
    if (!factor?.confirmedAt) return 'not_enrolled';
    const secret = this.openSecret(factor.secretCiphertext, userId);
    // Sealed under another key (JWT_SECRET rotated without SECRETS_KEY): refused like a wrong code, and
    // audited as such, so an administrator sees why and resets the factor (docs/operations.md).
    if (secret === null) return 'factor_unreadable';
    const step = acceptedTotpStep(secret, code, now, factor.lastUsedStep);
    if (step !== null) {
      await mfaStore.recordTotpStep(manager, userId, step);
      return 'accepted';
    }
    // Told apart for the audit trail only: a right code of a used step is a replay (a code seen by someone else).
    return acceptedTotpStep(secret, code, now, null) === null ? 'wrong_code' : 'replayed_code';
  }

  private openSecret(sealed: string, userId: string): string | null {
    try {
      return this.keys.open(sealed, userId);
    } catch {
      return null;
    }
  }

  private userOf(actor: Actor): string {
    if (actor.kind !== 'user') throw mfaOfUsersOnly();
    return actor.id;
  }

  private async lockUser(manager: EntityManager, userId: string): Promise<UserEntity> {
    const user = await this.users.lockForLogin(manager, userId);
    if (!user) throw mfaOfUsersOnly();
    return user;
  }

  /** The audit actor of a sign-in step: the user, before any token exists. */
  private async actorOf(userId: string, requestId?: string): Promise<Actor> {
    const user = await this.users.findForAuthentication(userId);
    return {
      kind: 'user',
      id: userId,
      organizationId: user?.organizationId ?? null,
      organizationType: user?.organizationType ?? null,
      roles: user?.roles ?? [],
      requestId,
    };
  }
}
