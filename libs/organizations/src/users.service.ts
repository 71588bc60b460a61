import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl, AuditService } from '@app/audit';
import { Actor, Clock, Role, rolesAllowedFor } from '@app/core';
import { isUniqueViolation, preparedQuery } from '@app/database';
import { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from './domain/password-policy';
import { administeredRecordsAccess, organizationAdminAccess } from './organization-admin.policy';
import { emailTaken, organizationNotFound, rolesNotAllowed, userNotFound } from './domain/organizations.errors';
import { OrganizationEntity } from './persistence/organization.entity';
import { UserEntity } from './persistence/user.entity';

export interface CreateUserCommand {
  email: string;
  password: string;
  roles: Role[];
}

/** A user together with the type of the organization it acts for (none for an officer's own account, bound to `officerId`). */
export interface UserWithOrganization {
  id: string;
  organizationId: string | null;
  organizationType: OrganizationEntity['type'] | null;
  officerId: string | null;
  roles: Role[];
  disabledAt: Date | null;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessControl,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, organizationId: string, command: CreateUserCommand): Promise<UserEntity> {
    await this.access.require(
      actor,
      { action: 'user.create', entityType: 'organization', entityId: organizationId },
      organizationAdminAccess(actor, organizationId),
    );
    const passwordHash = await hashPassword(command.password);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const user = await this.insertUser(manager, organizationId, command.email, passwordHash, command.roles);
        await this.audit.record(manager, actor, {
          action: 'user.create',
          entityType: 'user',
          entityId: user.id,
          details: { organizationId, email: user.email, roles: user.roles },
        });
        return user;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'app_user_email_unique')) throw emailTaken();
      throw error;
    }
  }

  /** Also used by the first-start bootstrap, inside its own transaction. */
  async insertUser(manager: EntityManager, organizationId: string, email: string, passwordHash: string, roles: Role[]): Promise<UserEntity> {
    const organization = await manager.findOneBy(OrganizationEntity, { id: organizationId });
    if (!organization) throw organizationNotFound();
    const distinctRoles = [...new Set(roles)];
    if (!rolesAllowedFor(organization.type, distinctRoles)) throw rolesNotAllowed(organization.type, distinctRoles);
    return manager.save(manager.create(UserEntity, { organizationId, email: email.toLowerCase(), passwordHash, roles: distinctRoles }));
  }

  /** The account bound to an officer (role `officer`), locked in the caller's transaction; null when none was made yet. */
  lockOfficerAccount(manager: EntityManager, officerId: string): Promise<UserEntity | null> {
    return manager.findOne(UserEntity, { where: { officerId }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * An officer's own account (API.md "Officers' own accounts"): role `officer`, no organization,
   * no password until its invitation is used. The caller (the officers' portal) has checked who
   * may invite, and audits the invitation in the same transaction.
   */
  async insertOfficerAccount(manager: EntityManager, officerId: string, email: string): Promise<UserEntity> {
    try {
      return await manager.save(
        manager.create(UserEntity, { organizationId: null, officerId, email: email.toLowerCase(), passwordHash: null, roles: ['officer'] }),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'app_user_email_unique')) throw emailTaken();
      throw error;
    }
  }

  /** A new invitation may go to another address while the account has never been activated. */
  async changeInvitedAccountEmail(manager: EntityManager, userId: string, email: string): Promise<void> {
    try {
      await manager.update(UserEntity, { id: userId }, { email: email.toLowerCase() });
    } catch (error) {
      if (isUniqueViolation(error, 'app_user_email_unique')) throw emailTaken();
      throw error;
    }
  }

  async unlock(actor: Actor, userId: string): Promise<UserEntity> {
    return this.changeUser(actor, userId, 'user.unlock', (user) => {
      user.lockedUntil = null;
      user.recentFailedLogins = [];
    });
  }

  /**
   * An administrator sets a new password (the CLI's reset-password; the caller applies
   * passwordPolicyProblem, as the API's DTOs do for create). As after POST /me/password, every
   * token issued before stops working (a reset often follows a leak); the lockout is left as it is.
   */
  async resetPassword(actor: Actor, userId: string, password: string): Promise<UserEntity> {
    const passwordHash = await hashPassword(password);
    return this.changeUser(actor, userId, 'user.password_reset', (user) => {
      user.passwordHash = passwordHash;
      user.tokenVersion += 1;
    });
  }

  async disable(actor: Actor, userId: string): Promise<UserEntity> {
    return this.changeUser(actor, userId, 'user.disable', (user) => {
      user.disabledAt ??= this.clock.now();
    });
  }

  private async changeUser(actor: Actor, userId: string, action: string, change: (user: UserEntity) => void): Promise<UserEntity> {
    const attempt = { action, entityType: 'user', entityId: userId };
    const scope = await this.access.require(actor, attempt, administeredRecordsAccess(actor));
    const changed = await this.dataSource.transaction(async (manager) => {
      const user = await manager.findOne(UserEntity, { where: { id: userId, ...scope }, lock: { mode: 'pessimistic_write' } });
      if (!user) return null;
      change(user);
      await manager.save(user);
      await this.audit.record(manager, actor, { action, entityType: 'user', entityId: user.id });
      return user;
    });
    return changed ?? this.access.refuse(actor, attempt, userNotFound());
  }

  /** One indexed query per authenticated request: a disabled user is refused on the next request. */
  async findForAuthentication(userId: string): Promise<(UserWithOrganization & { tokenVersion: number }) | null> {
    const [row] = await preparedQuery<{
      id: string;
      organization_id: string | null;
      officer_id: string | null;
      roles: Role[];
      disabled_at: Date | null;
      token_version: number;
      type: OrganizationEntity['type'] | null;
    }>(
      this.dataSource.manager,
      'user_for_authentication_v3',
      // An officer's account follows a merge of its officer (API.md "Identity changes and merges"):
      // the merged record's account reads the survivor's record, as its POST ID does.
      `SELECT u.id, u.organization_id, CASE WHEN u.officer_id IS NOT NULL THEN officer_survivor(u.officer_id) END AS officer_id,
              u.roles, u.disabled_at, u.token_version, o.type
         FROM app_user u LEFT JOIN organization o ON o.id = u.organization_id WHERE u.id = $1`,
      [userId],
    );
    return row
      ? {
          id: row.id,
          organizationId: row.organization_id,
          organizationType: row.type,
          officerId: row.officer_id,
          roles: row.roles,
          disabledAt: row.disabled_at,
          tokenVersion: row.token_version,
        }
      : null;
  }

  async countUsers(): Promise<number> {
    return this.dataSource.getRepository(UserEntity).count();
  }

  /** For the login (auth) and the CLI: the user of a lower-cased email, or null. */
  findByEmail(email: string): Promise<UserEntity | null> {
    return this.dataSource.getRepository(UserEntity).findOneBy({ email });
  }

  /** SELECT … FOR UPDATE in the caller's transaction: parallel login failures of one user queue here. */
  lockForLogin(manager: EntityManager, userId: string): Promise<UserEntity | null> {
    return manager.findOne(UserEntity, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Auth's lockout counters live on the user row, which organizations alone writes (one owner
   * per table): auth decides them (its login-lockout rules), this stores them.
   */
  async recordLoginAttempts(manager: EntityManager, userId: string, attempts: Pick<UserEntity, 'recentFailedLogins' | 'lockedUntil'>): Promise<void> {
    await manager.update(UserEntity, { id: userId }, attempts);
  }

  /**
   * Every token the user holds stops working (auth's reset of a lost second factor): the version
   * the tokens carry moves on, with the row locked in the caller's transaction.
   */
  async revokeTokens(manager: EntityManager, userId: string): Promise<number> {
    const locked = await manager.findOneOrFail(UserEntity, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
    const tokenVersion = locked.tokenVersion + 1;
    await manager.update(UserEntity, { id: userId }, { tokenVersion });
    return tokenVersion;
  }

  /**
   * A new password (auth has checked the current one), with the row locked in the caller's
   * transaction: the token version moves on, so every token issued before stops working.
   */
  async replacePassword(
    manager: EntityManager,
    userId: string,
    passwordHash: string,
    attempts: Pick<UserEntity, 'recentFailedLogins' | 'lockedUntil'>,
  ): Promise<UserEntity> {
    const locked = await manager.findOneOrFail(UserEntity, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
    const tokenVersion = locked.tokenVersion + 1;
    await manager.update(UserEntity, { id: userId }, { passwordHash, tokenVersion, ...attempts });
    return { ...locked, tokenVersion };
  }
}
