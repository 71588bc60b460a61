import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { Actor, OrganizationType, Page, uniqueKeyKeyset } from '@app/core';
import { isUniqueViolation } from '@app/database';
import { DataSource, EntityManager } from 'typeorm';
import { organizationCodeTaken, organizationNotFound } from './domain/organizations.errors';
import { OrganizationEntity } from './persistence/organization.entity';

export interface CreateOrganizationCommand {
  type: Exclude<OrganizationType, 'commission'>;
  name: string;
  code: string;
}

/** By code: unique and stable, so the last code of a page is the cursor. */
const ORGANIZATIONS_KEYSET = uniqueKeyKeyset();

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(actor: Actor, command: CreateOrganizationCommand): Promise<OrganizationEntity> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const organization = await manager.save(manager.create(OrganizationEntity, command));
        await this.audit.record(manager, actor, {
          action: 'organization.create',
          entityType: 'organization',
          entityId: organization.id,
          details: { ...command },
        });
        return organization;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'organization_code_unique')) throw organizationCodeTaken(command.code);
      throw error;
    }
  }

  async list(query: { type?: OrganizationType; limit: number; afterCode?: string }): Promise<Page<OrganizationEntity>> {
    const after = ORGANIZATIONS_KEYSET.after(query.afterCode);
    const qb = this.dataSource.getRepository(OrganizationEntity).createQueryBuilder('o').orderBy('o.code');
    if (query.type) qb.andWhere('o.type = :type', { type: query.type });
    if (after !== undefined) qb.andWhere('o.code > :after', { after });
    return ORGANIZATIONS_KEYSET.page(
      query.limit,
      (limit) => qb.take(limit).getMany(),
      (last) => last.code,
    );
  }

  async get(id: string): Promise<OrganizationEntity> {
    const organization = await this.dataSource.getRepository(OrganizationEntity).findOneBy({ id });
    if (!organization) throw organizationNotFound();
    return organization;
  }

  /** Id by code of the organizations of `type` with these codes (one query, for imports). */
  async idsByCode(manager: EntityManager, type: OrganizationType, codes: readonly string[]): Promise<Map<string, string>> {
    if (codes.length === 0) return new Map();
    const rows = await manager.query<{ id: string; code: string }[]>(`SELECT id, code FROM organization WHERE type = $1 AND code = ANY($2::text[])`, [
      type,
      [...new Set(codes)],
    ]);
    return new Map(rows.map((row) => [row.code, row.id]));
  }

  async findCommission(): Promise<OrganizationEntity | null> {
    return this.dataSource.getRepository(OrganizationEntity).findOneBy({ type: 'commission' });
  }
}
