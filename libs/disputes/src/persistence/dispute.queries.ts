import { EntityManager } from 'typeorm';
import { DisputeStatus, DisputeSubjectType } from '../domain/dispute';
import { DisputeEntity } from './dispute.entity';

export interface DisputeListFilter {
  officerId?: string;
  /** One officer's, by POST ID: a merged record's ID reads as its survivor, and disputes opened on a record merged into it count too. */
  postId?: string;
  status?: DisputeStatus;
  after?: { at: string; id: string };
  limit: number;
}

export interface DisputeRow {
  dispute: DisputeEntity;
  postId: string;
}

/** Newest first, (opened_at, id); with the officer's POST ID. */
export async function findDisputes(manager: EntityManager, filter: DisputeListFilter): Promise<DisputeRow[]> {
  const qb = manager
    .createQueryBuilder(DisputeEntity, 'd')
    .innerJoin('officer', 'o', 'o.id = d.officer_id')
    .addSelect('o.post_id', 'post_id')
    .orderBy('d.openedAt', 'DESC')
    .addOrderBy('d.id', 'DESC')
    .limit(filter.limit);
  if (filter.officerId) qb.andWhere('d.officerId = :officerId', { officerId: filter.officerId });
  if (filter.postId)
    qb.andWhere('d.officerId = ANY(officer_lineage(officer_survivor((SELECT f.id FROM officer f WHERE f.post_id = :postId))))', { postId: filter.postId });
  if (filter.status) qb.andWhere('d.status = :status', { status: filter.status });
  if (filter.after) qb.andWhere('(d.openedAt, d.id) < (:at::timestamptz, :id::uuid)', filter.after);
  const { entities, raw } = await qb.getRawAndEntities<{ post_id: string }>();
  return entities.map((dispute, i) => ({ dispute, postId: raw[i].post_id }));
}

export async function findDispute(manager: EntityManager, id: string): Promise<DisputeRow | null> {
  const { entities, raw } = await manager
    .createQueryBuilder(DisputeEntity, 'd')
    .innerJoin('officer', 'o', 'o.id = d.officer_id')
    .addSelect('o.post_id', 'post_id')
    .where('d.id = :id', { id })
    .getRawAndEntities<{ post_id: string }>();
  return entities[0] ? { dispute: entities[0], postId: raw[0].post_id } : null;
}

/**
 * The open disputes among a page of records, in one query whatever the page's size: records by
 * id (`subjectIds`), identity and certification by officer (`officerIds`). Rows as `type:key`.
 */
export async function openDisputeKeys(
  manager: EntityManager,
  query: { types: readonly DisputeSubjectType[]; subjectIds?: readonly string[]; officerIds?: readonly string[] },
): Promise<string[]> {
  const rows = await manager.query<{ key: string }[]>(
    `SELECT DISTINCT d.subject_type || ':' || coalesce(d.subject_id, d.officer_id)::text AS key
       FROM dispute d
      WHERE d.status = 'open' AND d.subject_type = ANY($1::text[])
        AND (d.subject_id = ANY($2::uuid[]) OR (d.subject_id IS NULL AND d.officer_id = ANY($3::uuid[])))`,
    [query.types, query.subjectIds ?? [], query.officerIds ?? []],
  );
  return rows.map((row) => row.key);
}

export async function openSubjectTypesByOfficer(manager: EntityManager, officerIds: readonly string[]): Promise<Map<string, DisputeSubjectType[]>> {
  const rows = await manager.query<{ officer_id: string; types: DisputeSubjectType[] }[]>(
    `SELECT officer_id, array_agg(DISTINCT subject_type ORDER BY subject_type) AS types
       FROM dispute WHERE status = 'open' AND officer_id = ANY($1::uuid[]) GROUP BY officer_id`,
    [officerIds],
  );
  return new Map(rows.map((row) => [row.officer_id, row.types]));
}

/**
 * A merge moves the duplicate's disputes, open and resolved, to the survivor (call after the
 * merge is recorded: the trigger allows this one change only for a recorded merge). Each keeps
 * the record it was opened against (`merged_from_officer_id`). Returns how many moved.
 */
export async function reassignOfficerDisputes(manager: EntityManager, duplicateOfficerId: string, survivorOfficerId: string): Promise<number> {
  // In a WITH, so that the driver answers the rows: an UPDATE's answer through TypeORM is [rows, count], whose length is always 2.
  const rows = await manager.query<{ n: number }[]>(
    `WITH moved AS (
       UPDATE dispute SET officer_id = $2, merged_from_officer_id = coalesce(merged_from_officer_id, officer_id) WHERE officer_id = $1 RETURNING id
     )
     SELECT count(*)::int AS n FROM moved`,
    [duplicateOfficerId, survivorOfficerId],
  );
  return rows[0].n;
}
