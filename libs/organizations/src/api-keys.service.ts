import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl, AuditService } from '@app/audit';
import { Actor, Clock, organizationOf, Role, rolesAllowedFor } from '@app/core';
import { withIdempotency } from '@app/database';
import { DataSource } from 'typeorm';
import { apiKeyMatches, generateApiKey, parseApiKeyPrefix } from './domain/api-key-format';
import { administeredRecordsAccess, organizationAdminAccess } from './organization-admin.policy';
import { apiKeyNotFound, apiKeySecretNotReplayable, organizationNotFound, rolesNotAllowed } from './domain/organizations.errors';
import { ApiKeyEntity } from './persistence/api-key.entity';
import { OrganizationEntity } from './persistence/organization.entity';
import { UserWithOrganization } from './users.service';

@Injectable()
export class ApiKeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessControl,
    private readonly clock: Clock,
  ) {}

  /**
   * Returns the key in clear once; only its hash is stored. With an `Idempotency-Key`, a retry
   * never makes a second live key; but the first response cannot be replayed (its secret is
   * stored nowhere), so the retry is a 409 naming the key the first request created: revoke it
   * and create another if its secret was lost.
   */
  async create(
    actor: Actor,
    organizationId: string,
    command: { name: string; roles: Role[] },
    idempotencyKey?: string,
  ): Promise<{ entity: ApiKeyEntity; key: string }> {
    await this.access.require(
      actor,
      { action: 'api_key.create', entityType: 'organization', entityId: organizationId },
      organizationAdminAccess(actor, organizationId),
    );
    const { key, prefix, hash } = generateApiKey();
    const request = {
      organizationId: organizationOf(actor),
      key: idempotencyKey,
      method: 'POST',
      path: `/organizations/${organizationId}/api-keys`,
      body: command,
    };
    let created: ApiKeyEntity | undefined;
    const { id } = await this.dataSource.transaction((manager) =>
      withIdempotency(manager, request, async () => {
        const organization = await manager.findOneBy(OrganizationEntity, { id: organizationId });
        if (!organization) throw organizationNotFound();
        const roles = [...new Set(command.roles)];
        if (!rolesAllowedFor(organization.type, roles)) throw rolesNotAllowed(organization.type, roles);
        created = await manager.save(manager.create(ApiKeyEntity, { organizationId, name: command.name, prefix, keyHash: hash, roles, createdBy: actor.id }));
        await this.audit.record(manager, actor, {
          action: 'api_key.create',
          entityType: 'api_key',
          entityId: created.id,
          details: { organizationId, name: created.name, roles },
        });
        // Only the id is kept for the key's retries: never the secret.
        return { id: created.id };
      }),
    );
    if (!created) {
      throw apiKeySecretNotReplayable(id);
    }
    return { entity: created, key };
  }

  async revoke(actor: Actor, keyId: string): Promise<ApiKeyEntity> {
    const attempt = { action: 'api_key.revoke', entityType: 'api_key', entityId: keyId };
    const scope = await this.access.require(actor, attempt, administeredRecordsAccess(actor));
    const revoked = await this.dataSource.transaction(async (manager) => {
      const entity = await manager.findOne(ApiKeyEntity, { where: { id: keyId, ...scope }, lock: { mode: 'pessimistic_write' } });
      if (!entity) return null;
      entity.revokedAt ??= this.clock.now();
      await manager.save(entity);
      await this.audit.record(manager, actor, { action: 'api_key.revoke', entityType: 'api_key', entityId: entity.id });
      return entity;
    });
    return revoked ?? this.access.refuse(actor, attempt, apiKeyNotFound());
  }

  /** Resolves a presented key; a revoked key is refused on its next request. */
  async authenticate(presented: string): Promise<(UserWithOrganization & { name: string }) | null> {
    const prefix = parseApiKeyPrefix(presented);
    if (!prefix) return null;
    const [row] = await this.dataSource.query<
      { id: string; organization_id: string; roles: Role[]; key_hash: Buffer; name: string; revoked_at: Date | null; type: OrganizationEntity['type'] }[]
    >(
      `SELECT k.id, k.organization_id, k.roles, k.key_hash, k.name, k.revoked_at, o.type
         FROM api_key k JOIN organization o ON o.id = k.organization_id WHERE k.prefix = $1`,
      [prefix],
    );
    if (!row || row.revoked_at || !apiKeyMatches(presented, row.key_hash)) return null;
    return { id: row.id, organizationId: row.organization_id, organizationType: row.type, officerId: null, roles: row.roles, disabledAt: null, name: row.name };
  }
}
