import type { Actor } from '@app/core';
import { preparedQuery } from '@app/database';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { HiringMatch } from '../domain/hiring-answer';

/** Restricted: `dateOfBirth` and `ssnLast4` stay in `hiring_check.query`, never in audit details or logs. */
export type HiringCheckQuery = { postId: string } | { firstName: string; middleName?: string; lastName: string; dateOfBirth: string; ssnLast4?: string };

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

export interface NewHiringCheck {
  agencyId: string;
  actor: Actor;
  checkedAt: Date;
  query: HiringCheckQuery;
  matches: HiringMatch[];
  matchedOfficerIds: string[];
}

/** One statement for many checks; ids are made here so that each caller gets its own back. */
export async function insertHiringChecks(manager: EntityManager, checks: readonly NewHiringCheck[]): Promise<string[]> {
  const ids = checks.map(() => randomUUID());
  const params: unknown[] = [];
  const rows = checks.map((check, i) => {
    const values = [
      ids[i],
      check.agencyId,
      check.actor.kind,
      check.actor.id,
      check.checkedAt,
      'postId' in check.query ? 'post_id' : 'name',
      JSON.stringify(check.query),
      JSON.stringify({ matches: check.matches }),
      check.matchedOfficerIds,
      check.actor.requestId ?? null,
    ];
    const first = params.length + 1;
    params.push(...values);
    return `($${first}::uuid, $${first + 1}::uuid, $${first + 2}, $${first + 3}, $${first + 4}::timestamptz, $${first + 5}, $${first + 6}::jsonb, $${first + 7}::jsonb, $${first + 8}::uuid[], $${first + 9})`;
  });
  // Named per batch size (at most the recorder's 25): planned once per connection.
  await preparedQuery(
    manager,
    `hiring-check-insert-${checks.length}`,
    `INSERT INTO hiring_check (id, agency_id, actor_kind, actor_id, checked_at, query_kind, query, answer, matched_officer_ids, request_id)
     VALUES ${rows.join(', ')}`,
    params,
  );
  return ids;
}

/** The check if it belongs to `agencyId`; another agency's reads as absent. */
export async function findAgencyCheck(manager: EntityManager, agencyId: string, id: string): Promise<StoredHiringCheck | null> {
  const [row] = await manager.query<HiringCheckRow[]>(`SELECT ${COLUMNS} FROM hiring_check WHERE id = $1 AND agency_id = $2`, [id, agencyId]);
  return row ? toStored(row) : null;
}

/**
 * Newest first, keyset on (checked_at, id). `agencyId` null: every agency's (the commission's
 * oversight); `officerPostId`: only checks that found that officer, or a record merged into it
 * (a merged record's POST ID answers with its survivor: the survivor's whole lineage).
 */
export async function listChecks(
  manager: EntityManager,
  filter: { agencyId: string | null; officerPostId?: string },
  page: { limit: number; after?: { at: string; id: string } },
): Promise<StoredHiringCheck[]> {
  const rows = await manager.query<HiringCheckRow[]>(
    `SELECT ${COLUMNS} FROM hiring_check
      WHERE ($1::uuid IS NULL OR agency_id = $1::uuid)
        AND ($2::text IS NULL OR matched_officer_ids && officer_lineage((SELECT officer_survivor(o.id) FROM officer o WHERE o.post_id = $2::text)))
        AND ($3::timestamptz IS NULL OR (checked_at, id) < ($3::timestamptz, $4::uuid))
      ORDER BY checked_at DESC, id DESC
      LIMIT $5`,
    [filter.agencyId, filter.officerPostId ?? null, page.after?.at ?? null, page.after?.id ?? null, page.limit],
  );
  return rows.map(toStored);
}

/**
 * The checks whose answer named the officer or a record merged into it, newest first: when, and
 * which agency (the GIN index on matched_officer_ids).
 */
export async function checksThatFound(manager: EntityManager, officerId: string): Promise<{ checkedAt: Date; agency: { name: string; code: string } }[]> {
  const rows = await manager.query<{ checked_at: Date; name: string; code: string }[]>(
    `SELECT h.checked_at, a.name, a.code FROM hiring_check h JOIN organization a ON a.id = h.agency_id
      WHERE h.matched_officer_ids && officer_lineage($1::uuid) ORDER BY h.checked_at DESC, h.id DESC`,
    [officerId],
  );
  return rows.map((row) => ({ checkedAt: row.checked_at, agency: { name: row.name, code: row.code } }));
}
