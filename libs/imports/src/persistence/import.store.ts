import { copyRows } from '@app/database';
import type { EntityManager } from 'typeorm';
import type { ImportKind } from '../domain/import-kinds';
import type { RowError } from '../domain/row-rules';

/*
 * The imports context's own tables: staged rows, the report (rejections, flags), what each
 * source record became (`import_source`) and the officers of each import. Every function
 * takes the caller's EntityManager (the chunk's transaction).
 */

export interface StagedRow {
  row: number;
  sourceKey: string | null;
  duplicateOf: number | null;
  data: Record<string, unknown>;
}

export interface Rejection {
  row: number;
  sourceId: string | null;
  errors: RowError[];
}

export interface Flag {
  row: number;
  sourceId: string | null;
  postId: string | null;
  candidates: { postId: string | null; name: string; matchScore: number; row?: number }[];
}

export interface SourceRecord {
  row: number;
  sourceKey: string;
  contentHash: string;
  entityId: string;
}

/** Later rows that repeat an earlier row's key in the same file point at it: one statement for the whole file. */
export async function markDuplicateRows(manager: EntityManager, importId: string): Promise<void> {
  await manager.query(
    `UPDATE import_row r SET duplicate_of = d.first
       FROM (SELECT source_key, min(row_no) AS first FROM import_row
              WHERE import_id = $1 AND source_key IS NOT NULL GROUP BY source_key HAVING count(*) > 1) d
      WHERE r.import_id = $1 AND r.source_key = d.source_key AND r.row_no > d.first`,
    [importId],
  );
}

export async function stagedRows(manager: EntityManager, importId: string, afterRow: number, limit: number): Promise<StagedRow[]> {
  const rows = await manager.query<{ row_no: number; source_key: string | null; duplicate_of: number | null; data: Record<string, unknown> }[]>(
    `SELECT row_no, source_key, duplicate_of, data FROM import_row WHERE import_id = $1 AND row_no > $2 ORDER BY row_no LIMIT $3`,
    [importId, afterRow, limit],
  );
  return rows.map((r) => ({ row: r.row_no, sourceKey: r.source_key, duplicateOf: r.duplicate_of, data: r.data }));
}

/** The staged rows numbered fromRow … toRow still there (a range no commit has processed yet). */
export async function stagedRange(manager: EntityManager, importId: string, fromRow: number, toRow: number): Promise<StagedRow[]> {
  const rows = await manager.query<{ row_no: number; source_key: string | null; duplicate_of: number | null; data: Record<string, unknown> }[]>(
    `SELECT row_no, source_key, duplicate_of, data FROM import_row WHERE import_id = $1 AND row_no BETWEEN $2 AND $3 ORDER BY row_no`,
    [importId, fromRow, toRow],
  );
  return rows.map((r) => ({ row: r.row_no, sourceKey: r.source_key, duplicateOf: r.duplicate_of, data: r.data }));
}

/** What earlier imports made of these source keys of `kind`. */
export async function knownSources(
  manager: EntityManager,
  kind: ImportKind,
  keys: readonly string[],
): Promise<Map<string, { contentHash: string; entityId: string }>> {
  if (keys.length === 0) return new Map();
  const rows = await manager.query<{ source_key: string; content_hash: string; entity_id: string }[]>(
    `SELECT source_key, content_hash, entity_id FROM import_source WHERE kind = $1 AND source_key = ANY($2::text[])`,
    [kind, [...new Set(keys)]],
  );
  return new Map(rows.map((r) => [r.source_key, { contentHash: r.content_hash, entityId: r.entity_id }]));
}

export async function saveRejections(manager: EntityManager, importId: string, rejections: readonly Rejection[]): Promise<void> {
  if (rejections.length === 0) return;
  await manager.query(
    `INSERT INTO import_rejection (import_id, row_no, source_id, errors)
     SELECT $1, t.row_no, t.source_id, t.errors FROM unnest($2::int[], $3::text[], $4::jsonb[]) AS t(row_no, source_id, errors)`,
    [importId, rejections.map((r) => r.row), rejections.map((r) => r.sourceId), rejections.map((r) => JSON.stringify(r.errors))],
  );
}

export async function saveFlags(manager: EntityManager, importId: string, flags: readonly Flag[]): Promise<void> {
  if (flags.length === 0) return;
  await manager.query(
    `INSERT INTO import_flag (import_id, row_no, source_id, post_id, candidates)
     SELECT $1, t.row_no, t.source_id, t.post_id, t.candidates FROM unnest($2::int[], $3::text[], $4::text[], $5::jsonb[]) AS t(row_no, source_id, post_id, candidates)`,
    [importId, flags.map((f) => f.row), flags.map((f) => f.sourceId), flags.map((f) => f.postId), flags.map((f) => JSON.stringify(f.candidates))],
  );
}

export async function saveSources(manager: EntityManager, importId: string, kind: ImportKind, sources: readonly SourceRecord[]): Promise<void> {
  if (sources.length === 0) return;
  await copyRows(
    manager,
    'import_source',
    ['kind', 'source_key', 'content_hash', 'entity_id', 'import_id', 'row_no'],
    sources.map((s) => [kind, s.sourceKey, s.contentHash, s.entityId, importId, s.row]),
  );
}

export async function saveImportOfficers(
  manager: EntityManager,
  importId: string,
  officers: readonly { row: number; sourceId: string; officerId: string }[],
): Promise<void> {
  if (officers.length === 0) return;
  await copyRows(
    manager,
    'import_officer',
    ['import_id', 'row_no', 'source_id', 'officer_id'],
    officers.map((o) => [importId, o.row, o.sourceId, o.officerId]),
  );
}

export interface ChunkCounts {
  processed: number;
  accepted: number;
  unchanged: number;
  rejected: number;
  flagged: number;
}

export async function advanceImport(manager: EntityManager, importId: string, counts: ChunkCounts): Promise<void> {
  await manager.query(
    `UPDATE data_import SET processed = processed + $2, accepted = accepted + $3, unchanged = unchanged + $4, rejected = rejected + $5, flagged = flagged + $6
      WHERE id = $1`,
    [importId, counts.processed, counts.accepted, counts.unchanged, counts.rejected, counts.flagged],
  );
}

export async function rejectionsPage(manager: EntityManager, importId: string, afterRow: number, limit: number): Promise<Rejection[]> {
  const rows = await manager.query<{ row_no: number; source_id: string | null; errors: RowError[] }[]>(
    `SELECT row_no, source_id, errors FROM import_rejection WHERE import_id = $1 AND row_no > $2 ORDER BY row_no LIMIT $3`,
    [importId, afterRow, limit],
  );
  return rows.map((r) => ({ row: r.row_no, sourceId: r.source_id, errors: r.errors }));
}

export async function flagsPage(manager: EntityManager, importId: string, afterRow: number, limit: number): Promise<Flag[]> {
  const rows = await manager.query<{ row_no: number; source_id: string | null; post_id: string | null; candidates: Flag['candidates'] }[]>(
    `SELECT row_no, source_id, post_id, candidates FROM import_flag WHERE import_id = $1 AND row_no > $2 ORDER BY row_no LIMIT $3`,
    [importId, afterRow, limit],
  );
  return rows.map((r) => ({ row: r.row_no, sourceId: r.source_id, postId: r.post_id, candidates: r.candidates }));
}

export async function importOfficersPage(
  manager: EntityManager,
  importId: string,
  afterRow: number,
  limit: number,
): Promise<{ row: number; sourceId: string; postId: string }[]> {
  const rows = await manager.query<{ row_no: number; source_id: string; post_id: string }[]>(
    `SELECT i.row_no, i.source_id, o.post_id FROM import_officer i JOIN officer o ON o.id = i.officer_id
      WHERE i.import_id = $1 AND i.row_no > $2 ORDER BY i.row_no LIMIT $3`,
    [importId, afterRow, limit],
  );
  return rows.map((r) => ({ row: r.row_no, sourceId: r.source_id, postId: r.post_id }));
}
