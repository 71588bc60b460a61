import { KeysetCursor } from '@app/core';
import { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity';
import { UserEntity } from './user.entity';

/**
 * Oldest first, after the keyset position. Cursors carry milliseconds, so the order does too
 * (a microsecond order would skip or repeat rows that share a millisecond across pages).
 */
function inCreationOrder<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, page: { limit: number; after?: KeysetCursor }): Promise<T[]> {
  const createdAt = `date_trunc('milliseconds', ${qb.alias}.created_at)`;
  if (page.after) qb.andWhere(`(${createdAt}, ${qb.alias}.id) > (:at::timestamptz, :id::uuid)`, page.after);
  return qb.orderBy(createdAt).addOrderBy(`${qb.alias}.id`).limit(page.limit).getMany();
}

export function listOrganizationUsers(manager: EntityManager, organizationId: string, page: { limit: number; after?: KeysetCursor }): Promise<UserEntity[]> {
  return inCreationOrder(manager.createQueryBuilder(UserEntity, 'u').where('u.organization_id = :organizationId', { organizationId }), page);
}

export function listOrganizationApiKeys(
  manager: EntityManager,
  organizationId: string,
  page: { limit: number; after?: KeysetCursor },
): Promise<ApiKeyEntity[]> {
  return inCreationOrder(manager.createQueryBuilder(ApiKeyEntity, 'k').where('k.organization_id = :organizationId', { organizationId }), page);
}
