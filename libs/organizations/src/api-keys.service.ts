import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { Actor, Clock, Role, rolesAllowedFor } from '@app/core';
import { DataSource } from 'typeorm';
import { apiKeyMatches, generateApiKey, parseApiKeyPrefix } from './domain/api-key-format';
import { administeredScope, assertMayAdministerOrganization } from './organization-admin.policy';
import { apiKeyNotFound, organizationNotFound, rolesNotAllowed } from './organizations.errors';
import { ApiKeyEntity } from './persistence/api-key.entity';
import { OrganizationEntity } from './persistence/organization.entity';
import { UserWithOrganization } from './users.service';

@Injectable()
export class ApiKeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Returns the key in clear once; only its hash is stored. */
  async create(actor: Actor, organizationId: string, command: { name: string; roles: Role[] }): Promise<{ entity: ApiKeyEntity; key: string }> {
    assertMayAdministerOrganization(actor, organizationId);
    const { key, prefix, hash } = generateApiKey();
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager.findOneBy(OrganizationEntity, { id: organizationId });
      if (!organization) throw organizationNotFound();
      const roles = [...new Set(command.roles)];
      if (!rolesAllowedFor(organization.type, roles)) throw rolesNotAllowed(organization.type, roles);
      const entity = await manager.save(
        manager.create(ApiKeyEntity, { organizationId, name: command.name, prefix, keyHash: hash, roles, createdBy: actor.id }),
      );
      await this.audit.record(manager, actor, {
        action: 'api_key.create',
        entityType: 'api_key',
        entityId: entity.id,
        details: { organizationId, name: entity.name, roles },
      });
      return { entity, key };
    });
  }

  async revoke(actor: Actor, keyId: string): Promise<ApiKeyEntity> {
    return this.dataSource.transaction(async (manager) => {
      const entity = await manager.findOne(ApiKeyEntity, { where: { id: keyId, ...administeredScope(actor) }, lock: { mode: 'pessimistic_write' } });
      if (!entity) throw apiKeyNotFound();
      entity.revokedAt ??= this.clock.now();
      await manager.save(entity);
      await this.audit.record(manager, actor, { action: 'api_key.revoke', entityType: 'api_key', entityId: entity.id });
      return entity;
    });
  }

  /** Resolves a presented key; a revoked key is refused on its next request. */
  async authenticate(presented: string): Promise<(UserWithOrganization & { name: string }) | null> {
    const prefix = parseApiKeyPrefix(presented);
    if (!prefix) return null;
    const [row] = (await this.dataSource.query(
      `SELECT k.id, k.organization_id, k.roles, k.key_hash, k.name, k.revoked_at, o.type
         FROM api_key k JOIN organization o ON o.id = k.organization_id WHERE k.prefix = $1`,
      [prefix],
    )) as { id: string; organization_id: string; roles: Role[]; key_hash: Buffer; name: string; revoked_at: Date | null; type: OrganizationEntity['type'] }[];
    if (!row || row.revoked_at || !apiKeyMatches(presented, row.key_hash)) return null;
    return { id: row.id, organizationId: row.organization_id, organizationType: row.type, roles: row.roles, disabledAt: null, name: row.name };
  }
}
