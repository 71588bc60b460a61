import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl } from '@app/audit';
import { Actor, Page, timeAndIdKeyset } from '@app/core';
import { DataSource } from 'typeorm';
import { organizationMembersReadAccess } from './organization-admin.policy';
import { ApiKeyEntity } from './persistence/api-key.entity';
import { listOrganizationApiKeys, listOrganizationUsers } from './persistence/members.queries';
import { UserEntity } from './persistence/user.entity';

const MEMBERS_KEYSET = timeAndIdKeyset();

export interface MembersQuery {
  limit: number;
  cursor?: string;
}

/** The users and API keys of one organization, for its administrators' screens (oldest first). */
@Injectable()
export class OrganizationMembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessControl,
  ) {}

  async users(actor: Actor, organizationId: string, query: MembersQuery): Promise<Page<UserEntity>> {
    await this.access.require(
      actor,
      { action: 'user.list', entityType: 'organization', entityId: organizationId },
      organizationMembersReadAccess(actor, organizationId),
    );
    const after = MEMBERS_KEYSET.after(query.cursor);
    return MEMBERS_KEYSET.page(
      query.limit,
      (limit) => listOrganizationUsers(this.dataSource.manager, organizationId, { limit, after }),
      (last) => ({ at: last.createdAt.toISOString(), id: last.id }),
    );
  }

  async apiKeys(actor: Actor, organizationId: string, query: MembersQuery): Promise<Page<ApiKeyEntity>> {
    await this.access.require(
      actor,
      { action: 'api_key.list', entityType: 'organization', entityId: organizationId },
      organizationMembersReadAccess(actor, organizationId),
    );
    const after = MEMBERS_KEYSET.after(query.cursor);
    return MEMBERS_KEYSET.page(
      query.limit,
      (limit) => listOrganizationApiKeys(this.dataSource.manager, organizationId, { limit, after }),
      (last) => ({ at: last.createdAt.toISOString(), id: last.id }),
    );
  }
}
