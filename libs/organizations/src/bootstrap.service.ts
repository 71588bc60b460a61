import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { hashPassword } from './domain/password-policy';
import { OrganizationEntity } from './persistence/organization.entity';
import { UserEntity } from './persistence/user.entity';
import { UsersService } from './users.service';

/**
 * First start: the commission organization and, while no user exists, its first
 * administrator (API.md "Start-up and configuration"). Idempotent and race-safe: the
 * single-commission unique index and a transaction-scoped advisory lock make concurrent
 * starters agree.
 */
@Injectable()
export class BootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly audit: AuditService,
    private readonly config: ConfigService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const created = await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(8008008)');
      let commission = await manager.findOneBy(OrganizationEntity, { type: 'commission' });
      if (!commission) {
        commission = await manager.save(
          manager.create(OrganizationEntity, { type: 'commission', name: this.config.get<string>('commissionName')!, code: 'POST' }),
        );
        await this.audit.record(manager, null, { action: 'organization.create', entityType: 'organization', entityId: commission.id });
      }
      if ((await manager.count(UserEntity)) > 0) return null;
      const email = this.config.get<string>('bootstrapAdmin.email')!;
      const configuredPassword = this.config.get<string | undefined>('bootstrapAdmin.password');
      const password = configuredPassword ?? randomBytes(18).toString('base64url');
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
}
