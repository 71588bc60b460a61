import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { DataSource, EntityManager } from 'typeorm';
import { generatePassword, hashPassword } from './domain/password-policy';
import { OrganizationEntity } from './persistence/organization.entity';
import { UserEntity } from './persistence/user.entity';
import { UsersService } from './users.service';

/** Any constant: concurrent starters (several API processes, a CLI command) take turns. */
const BOOTSTRAP_LOCK = 8_008_008;

/**
 * First start: the commission organization and, while no user exists, its first
 * administrator (API.md "Start-up and configuration"). Idempotent and race-safe: the
 * single-commission unique index and a transaction-scoped advisory lock make concurrent
 * starters agree. The API runs it when it starts (FirstStartBootstrap); the CLI only ever
 * needs the commission, so running a command never creates an administrator nobody asked for.
 */
@Injectable()
export class BootstrapService {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly config: ConfigService,
  ) {}

  async bootstrapFirstStart(): Promise<void> {
    const created = await this.dataSource.transaction(async (manager) => {
      const commission = await this.commissionIn(manager);
      if ((await manager.count(UserEntity)) > 0) return null;
      const email = this.config.get<string>('bootstrapAdmin.email')!;
      const configuredPassword = this.config.get<string | undefined>('bootstrapAdmin.password');
      const password = configuredPassword ?? generatePassword();
      const admin = await this.users.insertUser(manager, commission.id, email, await hashPassword(password), ['commission_admin']);
      await this.audit.record(manager, null, { action: 'user.bootstrap', entityType: 'user', entityId: admin.id, details: { email } });
      return { email, password: configuredPassword ? undefined : password };
    });
    if (created?.password) {
      // Warn level: shown even when LOG_LEVEL=warn, since nobody could sign in without it.
      this.logger.warn(`Created the first commission administrator ${created.email} with password ${created.password} (shown once: sign in and store it)`);
    } else if (created) {
      this.logger.log(`Created the first commission administrator ${created.email} (password from POST_BOOTSTRAP_ADMIN_PASSWORD)`);
    }
  }

  /** The commission organization, created (and audited) if this database has none yet. */
  ensureCommission(): Promise<OrganizationEntity> {
    return this.dataSource.transaction((manager) => this.commissionIn(manager));
  }

  private async commissionIn(manager: EntityManager): Promise<OrganizationEntity> {
    await manager.query(`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`);
    const existing = await manager.findOneBy(OrganizationEntity, { type: 'commission' });
    if (existing) return existing;
    const commission = await manager.save(
      manager.create(OrganizationEntity, { type: 'commission', name: this.config.get<string>('commissionName')!, code: 'POST' }),
    );
    await this.audit.record(manager, null, { action: 'organization.create', entityType: 'organization', entityId: commission.id });
    return commission;
  }
}
