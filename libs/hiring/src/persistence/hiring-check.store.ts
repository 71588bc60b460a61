import type { Actor } from '@app/core';
import type { EntityManager } from 'typeorm';
import type { HiringMatch } from '../domain/hiring-answer';

/** Restricted: `dateOfBirth` stays in `hiring_check.query`, never in audit details or logs. */
export type HiringCheckQuery = { postId: string } | { firstName: string; lastName: string; dateOfBirth: string };

export interface StoredHiringCheck {
  id: string;
  agencyId: string;
  actorKind: Actor['kind'];
  actorId: string;
  checkedAt: Date;
  query: HiringCheckQuery;
  matches: HiringMatch[];
  matchedOfficerIds: string[];
}

interface HiringCheckRow {
  id: string;
  agency_id: string;
  actor_kind: Actor['kind'];
  actor_id: string;
  checked_at: Date;
  query: HiringCheckQuery;
  answer: { matches: HiringMatch[] };
  matched_officer_ids: string[];
}

const toStored = (row: HiringCheckRow): StoredHiringCheck => ({
  id: row.id,
  agencyId: row.agency_id,
  actorKind: row.actor_kind,
  actorId: row.actor_id,
  checkedAt: row.checked_at,
  query: row.query,
  matches: row.answer.matches,
  matchedOfficerIds: row.matched_officer_ids,
});

const COLUMNS = `id, agency_id, actor_kind, actor_id, checked_at, query, answer, matched_officer_ids`;

export async function insertHiringCheck(
  manager: EntityManager,
  check: { agencyId: string; actor: Actor; checkedAt: Date; query: HiringCheckQuery; matches: HiringMatch[]; matchedOfficerIds: string[] },
): Promise<string> {
  const [row] = (await manager.query(
    `INSERT INTO hiring_check (agency_id, actor_kind, actor_id, checked_at, query_kind, query, answer, matched_officer_ids, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid[], $9) RETURNING id`,
    [
      check.agencyId,
      check.actor.kind,
      check.actor.id,
      check.checkedAt,
      'postId' in check.query ? 'post_id' : 'name',
      JSON.stringify(check.query),
      JSON.stringify({ matches: check.matches }),
      check.matchedOfficerIds,
      check.actor.requestId ?? null,
    ],
  )) as { id: string }[];
  return row.id;
}

/** The check if it belongs to `agencyId`; another agency's reads as absent. */
export async function findAgencyCheck(manager: EntityManager, agencyId: string, id: string): Promise<StoredHiringCheck | null> {
  const [row] = (await manager.query(`SELECT ${COLUMNS} FROM hiring_check WHERE id = $1 AND agency_id = $2`, [id, agencyId])) as HiringCheckRow[];
  return row ? toStored(row) : null;
}

/** Newest first, keyset on (checked_at, id). */
export async function listAgencyChecks(
  manager: EntityManager,
  agencyId: string,
  page: { limit: number; after?: { at: string; id: string } },
): Promise<StoredHiringCheck[]> {
  const rows = (await manager.query(
    `SELECT ${COLUMNS} FROM hiring_check
      WHERE agency_id = $1 AND ($2::timestamptz IS NULL OR (checked_at, id) < ($2::timestamptz, $3::uuid))
      ORDER BY checked_at DESC, id DESC
      LIMIT $4`,
    [agencyId, page.after?.at ?? null, page.after?.id ?? null, page.limit],
  )) as HiringCheckRow[];
  return rows.map(toStored);
}
