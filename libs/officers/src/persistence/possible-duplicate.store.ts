import type { EntityManager } from 'typeorm';

/*
 * The only writer of `possible_duplicate` (officers owns identities). One row per pair whatever
 * the order (unique index on least/greatest): a pair found again by another path stays as first found.
 */

export type PossibleDuplicateSource = 'confirm_distinct' | 'import' | 'detected';
export type PossibleDuplicateStatus = 'open' | 'dismissed' | 'merged';

export interface NewPossibleDuplicate {
  officerId: string;
  otherOfficerId: string;
  matchScore: number | null;
}

export async function insertPossibleDuplicates(
  manager: EntityManager,
  source: PossibleDuplicateSource,
  pairs: readonly NewPossibleDuplicate[],
  importId: string | null = null,
): Promise<number> {
  const distinct = pairs.filter((p) => p.officerId !== p.otherOfficerId);
  if (distinct.length === 0) return 0;
  const rows = await manager.query<{ id: string }[]>(
    `INSERT INTO possible_duplicate (officer_id, other_officer_id, source, import_id, match_score)
     SELECT p.officer_id, p.other_officer_id, $1, $2, p.score
       FROM unnest($3::uuid[], $4::uuid[], $5::numeric[]) AS p(officer_id, other_officer_id, score)
     ON CONFLICT ((least(officer_id, other_officer_id)), (greatest(officer_id, other_officer_id))) DO NOTHING
     RETURNING id`,
    [source, importId, distinct.map((p) => p.officerId), distinct.map((p) => p.otherOfficerId), distinct.map((p) => p.matchScore)],
  );
  return rows.length;
}

export interface PossibleDuplicateRow {
  id: string;
  source: PossibleDuplicateSource;
  status: PossibleDuplicateStatus;
  import_id: string | null;
  match_score: number | null;
  created_at: Date;
  resolution_reason: string | null;
  resolved_at: Date | null;
  officer_id: string;
  other_officer_id: string;
}

const COLUMNS = `id, source, status, import_id, match_score::float8 AS match_score, created_at, resolution_reason, resolved_at, officer_id, other_officer_id`;

/** Open pairs, oldest first (the order of the work queue), after the keyset position. Cursors carry milliseconds: so does the order. */
export function openPossibleDuplicates(manager: EntityManager, after: { at: string; id: string } | undefined, limit: number): Promise<PossibleDuplicateRow[]> {
  return after
    ? manager.query(
        `SELECT ${COLUMNS} FROM possible_duplicate
          WHERE status = 'open' AND (date_trunc('milliseconds', created_at), id) > ($1::timestamptz, $2::uuid)
          ORDER BY date_trunc('milliseconds', created_at), id LIMIT $3`,
        [after.at, after.id, limit],
      )
    : manager.query(`SELECT ${COLUMNS} FROM possible_duplicate WHERE status = 'open' ORDER BY date_trunc('milliseconds', created_at), id LIMIT $1`, [limit]);
}

export async function lockPossibleDuplicate(manager: EntityManager, id: string): Promise<PossibleDuplicateRow | null> {
  const [row] = await manager.query<PossibleDuplicateRow[]>(`SELECT ${COLUMNS} FROM possible_duplicate WHERE id = $1 FOR UPDATE`, [id]);
  return row ?? null;
}

export async function resolvePossibleDuplicate(
  manager: EntityManager,
  id: string,
  status: 'dismissed' | 'merged',
  reason: string,
  actorId: string,
): Promise<void> {
  await manager.query(
    `UPDATE possible_duplicate SET status = $2, resolution_reason = $3, resolved_by = $4, resolved_at = now() WHERE id = $1 AND status = 'open'`,
    [id, status, reason, actorId],
  );
}

/** A merge settles every open pair between the two records. */
export async function resolvePairOnMerge(manager: EntityManager, a: string, b: string, reason: string, actorId: string): Promise<void> {
  await manager.query(
    `UPDATE possible_duplicate SET status = 'merged', resolution_reason = $3, resolved_by = $4, resolved_at = now()
      WHERE status = 'open' AND least(officer_id, other_officer_id) = least($1::uuid, $2::uuid) AND greatest(officer_id, other_officer_id) = greatest($1::uuid, $2::uuid)`,
    [a, b, reason, actorId],
  );
}
