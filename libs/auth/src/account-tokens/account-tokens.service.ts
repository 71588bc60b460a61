import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl, AuditService } from '@app/audit';
import { Actor, Clock } from '@app/core';
import { MailDeliveryError, MailTransport } from '@app/mail';
import { administeredRecordsAccess, hashPassword, organizationAdminAccess, UserEntity, UsersService } from '@app/organizations';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { afterSuccessfulLogin } from '../domain/login-lockout';
import {
  ACTIVATION_TTL_MS,
  AccountTokenPurpose,
  AccountTokenRefusal,
  accountTokenHash,
  accountTokenLink,
  accountTokenMail,
  accountTokenRefusal,
  generateAccountToken,
  PASSWORD_RESET_TTL_MS,
} from './domain/account-token';
import { accountTokenInvalid, accountUserDisabled, accountUserNotFound } from './domain/account-tokens.errors';
import { AccountTokenEntity } from './persistence/account-token.entity';

/** A link made in the caller's transaction, for the caller to deliver after its commit. */
export interface IssuedAccountLink {
  tokenId: string;
  userId: string;
  email: string;
  /** `${PUBLIC_BASE_URL}/console/…#token=…`: the secret itself; never log or store it. */
  url: string;
  expiresAt: Date;
}

/** What an issuing route answers: `url` only when no mail transport is configured (shown once). */
export interface DeliveredAccountLink {
  expiresAt: Date;
  url?: string;
}

/** A use refused inside the transaction: rolled back, then audited and answered generically. */
class TokenRefused extends Error {
  constructor(
    readonly reason: AccountTokenRefusal,
    readonly userId: string | null,
    readonly tokenId: string | null,
  ) {
    super(reason);
  }
}

const ISSUED_ACTIONS: Record<AccountTokenPurpose, string> = {
  password_reset: 'auth.password_reset_issued',
  activation: 'auth.activation_issued',
};
const USED_ACTIONS: Record<AccountTokenPurpose, string> = {
  password_reset: 'auth.password_reset',
  activation: 'auth.account_activated',
};

/**
 * One-use account tokens (API.md "Accounts"): an administrator's password-reset link, and the
 * invitation of an account made for someone (the officers' issue calls issueActivation). Only
 * the token's hash is stored; the link is mailed when SMTP_URL is set, otherwise returned once.
 * Every step is audited, never with the token or the link.
 */
@Injectable()
export class AccountTokensService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessControl,
    private readonly clock: Clock,
    private readonly config: ConfigService,
    private readonly mail: MailTransport,
    private readonly users: UsersService,
  ) {}

  /**
   * POST /users/:id/password-reset: commission_admin for anyone, an organization's admin for its
   * own users (another organization's user is "not found", as for unlock and disable). Earlier
   * open links of the user stop working; the new one lasts an hour.
   */
  async issuePasswordReset(actor: Actor, userId: string): Promise<DeliveredAccountLink> {
    const attempt = { action: ISSUED_ACTIONS.password_reset, entityType: 'user', entityId: userId };
    const scope = await this.access.require(actor, attempt, administeredRecordsAccess(actor));
    let issued: IssuedAccountLink;
    try {
      issued = await this.dataSource.transaction(async (manager) => {
        const user = await manager.findOne(UserEntity, { where: { id: userId, ...scope }, lock: { mode: 'pessimistic_write' } });
        if (!user) throw accountUserNotFound();
        const decision = organizationAdminAccess(actor, user.organizationId);
        if (!decision.granted) throw decision.refusal;
        return this.issueFor(manager, actor, user, 'password_reset', PASSWORD_RESET_TTL_MS);
      });
    } catch (error) {
      return this.access.refuseIfDenied(actor, attempt, error);
    }
    return this.deliver(actor, issued, 'password_reset');
  }

  /**
   * An invitation (API.md "Officers' own accounts"): a link that sets the first password of the
   * account `userId`, mailed when SMTP_URL is set, otherwise returned once. The caller has
   * checked the actor's right to invite; this audits the issue. `ttlMs` defaults to a week.
   */
  async issueActivation(actor: Actor, userId: string, options: { ttlMs?: number } = {}): Promise<DeliveredAccountLink> {
    const issued = await this.dataSource.transaction((manager) => this.issueActivationIn(manager, actor, userId, options));
    return this.deliver(actor, issued, 'activation');
  }

  /**
   * The same inside the caller's transaction (the account and its invitation commit together);
   * nothing is sent: the caller delivers `url` after its commit, or passes it to the notices.
   */
  async issueActivationIn(manager: EntityManager, actor: Actor, userId: string, options: { ttlMs?: number } = {}): Promise<IssuedAccountLink> {
    const user = await manager.findOne(UserEntity, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw accountUserNotFound();
    return this.issueFor(manager, actor, user, 'activation', options.ttlMs ?? ACTIVATION_TTL_MS);
  }

  /** After the caller's commit (issueActivationIn): mail the invitation, or hand its link back once. */
  deliverActivation(actor: Actor, issued: IssuedAccountLink): Promise<DeliveredAccountLink> {
    return this.deliver(actor, issued, 'activation');
  }

  /** POST /auth/password-reset: sets the password, ends every earlier session and lifts a lockout. */
  resetPassword(token: string, newPassword: string, requestId?: string): Promise<void> {
    return this.use('password_reset', token, newPassword, requestId);
  }

  /** POST /auth/activate: the invited account's first password. */
  activate(token: string, password: string, requestId?: string): Promise<void> {
    return this.use('activation', token, password, requestId);
  }

  private async issueFor(manager: EntityManager, actor: Actor, user: UserEntity, purpose: AccountTokenPurpose, ttlMs: number): Promise<IssuedAccountLink> {
    if (user.disabledAt) throw accountUserDisabled();
    const now = this.clock.now();
    // The newest link of a purpose is the only one that works.
    const revoked = await this.revokeOpenTokens(manager, user.id, now, purpose);
    const token = generateAccountToken();
    const expiresAt = new Date(now.getTime() + ttlMs);
    const row = await manager.save(
      manager.create(AccountTokenEntity, {
        userId: user.id,
        purpose,
        tokenHash: accountTokenHash(token),
        createdAt: now,
        expiresAt,
        usedAt: null,
        revokedAt: null,
      }),
    );
    await this.audit.record(manager, actor, {
      action: ISSUED_ACTIONS[purpose],
      entityType: 'user',
      entityId: user.id,
      details: { tokenId: row.id, expiresAt: expiresAt.toISOString(), delivery: this.mail.configured ? 'mail' : 'shown_once', earlierLinksRevoked: revoked },
    });
    const url = accountTokenLink(this.config.get<string>('publicBaseUrl')!, purpose, token);
    return { tokenId: row.id, userId: user.id, email: user.email, url, expiresAt };
  }

  /** After the commit: mail the link, or hand it back once. A link that could not be mailed is revoked (nobody has it). */
  private async deliver(actor: Actor, issued: IssuedAccountLink, purpose: AccountTokenPurpose): Promise<DeliveredAccountLink> {
    if (!this.mail.configured) return { expiresAt: issued.expiresAt, url: issued.url };
    const message = accountTokenMail(purpose, issued.url, issued.expiresAt, this.config.get<string>('commissionName')!);
    try {
      await this.mail.send({ to: issued.email, ...message });
    } catch (error) {
      await this.dataSource.transaction(async (manager) => {
        await manager.update(AccountTokenEntity, { id: issued.tokenId, usedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: this.clock.now() });
        await this.audit.record(manager, actor, {
          action: 'auth.account_link_not_mailed',
          entityType: 'user',
          entityId: issued.userId,
          details: { tokenId: issued.tokenId, purpose, responseCode: error instanceof MailDeliveryError ? (error.responseCode ?? null) : null },
        });
      });
      throw error;
    }
    return { expiresAt: issued.expiresAt };
  }

  /**
   * One use, held by PostgreSQL: the conditional UPDATE marks the token used only if it is still
   * open; a second request with the same token waits on the row, then finds it used (0 rows).
   */
  private async use(purpose: AccountTokenPurpose, token: string, password: string, requestId?: string): Promise<void> {
    const tokenHash = accountTokenHash(token);
    // Hashed before the transaction: argon2's ~50 ms does not hold the token's row lock.
    const passwordHash = await hashPassword(password);
    const now = this.clock.now();
    try {
      await this.dataSource.transaction(async (manager) => {
        const used = await manager
          .createQueryBuilder()
          .update(AccountTokenEntity)
          .set({ usedAt: now })
          .where('token_hash = :tokenHash AND purpose = :purpose AND used_at IS NULL AND revoked_at IS NULL AND expires_at > :now', { tokenHash, purpose, now })
          .returning('id, user_id')
          .execute();
        const [row] = used.raw as { id: string; user_id: string }[];
        if (!row) throw await this.whyRefused(manager, tokenHash, purpose, now);
        const user = await this.users.lockForLogin(manager, row.user_id);
        if (!user || user.disabledAt) throw new TokenRefused('user_disabled', row.user_id, row.id);
        const changed = await this.users.replacePassword(manager, user.id, passwordHash, afterSuccessfulLogin());
        const revoked = await this.revokeOpenTokens(manager, user.id, now);
        const self: Actor = { kind: 'user', id: user.id, organizationId: user.organizationId, organizationType: 'commission', roles: user.roles, requestId };
        await this.audit.record(manager, self, {
          action: USED_ACTIONS[purpose],
          entityType: 'user',
          entityId: user.id,
          details: { tokenId: row.id, tokensRevokedBefore: changed.tokenVersion, otherLinksRevoked: revoked, lockoutCleared: true },
        });
      });
    } catch (error) {
      if (!(error instanceof TokenRefused)) throw error;
      await this.audit.recordStandalone(null, {
        action: 'auth.account_token_refused',
        entityType: 'user',
        entityId: error.userId,
        details: { purpose, reason: error.reason, tokenId: error.tokenId, requestId },
      });
      throw accountTokenInvalid();
    }
  }

  private async whyRefused(manager: EntityManager, tokenHash: Buffer, purpose: AccountTokenPurpose, now: Date): Promise<TokenRefused> {
    const stored = await manager.findOneBy(AccountTokenEntity, { tokenHash });
    return new TokenRefused(accountTokenRefusal(stored, purpose, now) ?? 'used', stored?.userId ?? null, stored?.id ?? null);
  }

  /** Closes the user's open tokens (of one purpose, or all); how many. */
  private async revokeOpenTokens(manager: EntityManager, userId: string, now: Date, purpose?: AccountTokenPurpose): Promise<number> {
    const query = manager
      .createQueryBuilder()
      .update(AccountTokenEntity)
      .set({ revokedAt: now })
      .where('user_id = :userId AND used_at IS NULL AND revoked_at IS NULL', { userId });
    if (purpose) query.andWhere('purpose = :purpose', { purpose });
    const result = await query.execute();
    return result.affected ?? 0;
  }
}
