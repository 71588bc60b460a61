import { randomBytes } from 'node:crypto';
import type { IsoDate } from '@app/core';
import { copyRows } from '@app/database';
import { EntityManager } from 'typeorm';
import { officerNameRows } from '../domain/officer-identity';

/*
 * Set-wise writes and reads of officers for imports (API.md "Imports"): one statement per
 * table and chunk, never one per row. The officers context stays the only writer of
 * `officer`, `officer_name` and `employment` (and of the new officer's `not_certified` row,
 * the one known exception).
 */

export interface ImportedOfficer {
  /** The caller's key for the row (its row number in the file). */
  key: number;
  firstName: string;
  middleName: string | null;
  lastName: string;
  suffix: string | null;
  /** Restricted. */
  dateOfBirth: IsoDate;
  /** Restricted. */
  ssnLast4: string | null;
  /** Restricted: where the officer's notices are mailed. */
  email: string | null;
  aliases: { firstName: string; lastName: string }[];
  /** A POST ID the state already uses, kept when free. */
  postId: string;
}

export interface ImportedEmployment {
  officerId: string;
  agencyId: string;
  position: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  separationNature: string | null;
  separationReason: string | null;
  underInvestigation: boolean | null;
}

/**
 * A time-ordered UUID (version 7: the millisecond first, then a counter, then random bits) for
 * the rows an import creates by the thousand: each chunk's ids sort after the last chunk's, so
 * the primary keys and the `officer_id` indexes (officer_name, certification, and later
 * employment and training) take them at their right-hand edge instead of on a random page each
 * (~5,000 pages of each index dirtied per chunk at a million officers). The id says when the
 * record was created, which `created_at` says too.
 */
export function timeOrderedUuid(): string {
  let now = Date.now();
  if (now <= uuidClock.ms) {
    uuidClock.counter += 1;
    if (uuidClock.counter > 0xfff) {
      uuidClock.ms += 1;
      uuidClock.counter = 0;
    }
    now = uuidClock.ms;
  } else {
    uuidClock.ms = now;
    uuidClock.counter = 0;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | (uuidClock.counter >> 8);
  bytes[7] = uuidClock.counter & 0xff;
  bytes[8] = 0x80 | (bytes[8] & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
const uuidClock = { ms: 0, counter: 0 };

/** Officers whose POST ID is one of these. */
export async function officersByPostIds(manager: EntityManager, postIds: readonly string[]): Promise<Map<string, string>> {
  if (postIds.length === 0) return new Map();
  const rows = await manager.query<{ id: string; post_id: string }[]>(`SELECT id, post_id FROM officer WHERE post_id = ANY($1::text[])`, [postIds]);
  return new Map(rows.map((row) => [row.post_id, row.id]));
}

/** The next `count` POST ID numbers, after moving the sequence past `atLeast` (a kept licence number). */
export async function nextPostNumbers(manager: EntityManager, count: number, atLeast: number): Promise<string[]> {
  if (atLeast > 0) {
    await manager.query(`SELECT setval('officer_post_number_seq', greatest($1::bigint, (SELECT last_value FROM officer_post_number_seq)))`, [atLeast]);
  }
  if (count === 0) return [];
  const rows = await manager.query<{ n: string }[]>(`SELECT nextval('officer_post_number_seq')::text AS n FROM generate_series(1, $1::int)`, [count]);
  return rows.map((row) => row.n);
}

/** Inserts the officers, their names and their `not_certified` certification rows; POST ID → officer id. */
export async function insertImportedOfficers(manager: EntityManager, importId: string, officers: readonly ImportedOfficer[]): Promise<Map<string, string>> {
  if (officers.length === 0) return new Map();
  // By COPY (PostgreSQL's multi-insert path), the ids made here: officers, their names, their `not_certified` rows.
  // The names carry their POST ID: the database checks it set-wise (1767000120100) instead of looking each one up.
  const idByPostId = new Map(officers.map((o) => [o.postId, timeOrderedUuid()]));
  await copyRows(
    manager,
    'officer',
    ['id', 'post_id', 'first_name', 'middle_name', 'last_name', 'suffix', 'date_of_birth', 'ssn_last4', 'email', 'import_id'],
    officers.map((o) => [idByPostId.get(o.postId)!, o.postId, o.firstName, o.middleName, o.lastName, o.suffix, o.dateOfBirth, o.ssnLast4, o.email, importId]),
  );
  await copyRows(
    manager,
    'officer_name',
    ['id', 'officer_id', 'kind', 'first_name', 'last_name', 'normalized_first', 'normalized_last', 'normalized_full', 'date_of_birth', 'post_id'],
    // In date-of-birth order: the date-first indexes (officer_name_dob_last, officer_name_dob_trgm) take them page after page.
    [...officers]
      .sort((a, b) => (a.dateOfBirth < b.dateOfBirth ? -1 : a.dateOfBirth > b.dateOfBirth ? 1 : 0))
      .flatMap((o) =>
        officerNameRows(o, o.aliases).map((name) => [
          timeOrderedUuid(),
          idByPostId.get(o.postId)!,
          name.kind,
          name.firstName,
          name.lastName,
          name.normalizedFirst,
          name.normalizedLast,
          name.normalizedFull,
          o.dateOfBirth,
          o.postId,
        ]),
      ),
  );
  await copyRows(
    manager,
    'certification',
    ['officer_id', 'status'],
    [...idByPostId.values()].map((id) => [id, 'not_certified']),
  );
  return idByPostId;
}

export interface DuplicateQuery {
  key: number;
  dateOfBirth: IsoDate;
  /** Normalised `first last` of every name the person goes by. */
  names: string[];
  /** The officer the query is about, left out of its own candidates. */
  self: string | null;
}

export interface DuplicateCandidate {
  key: number;
  officerId: string;
  postId: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  suffix: string | null;
  score: number;
}

/**
 * Officers born the same day with a similar name (the rule of `POST /officers`, DOMAIN.md
 * "Onboarding"), for many people in one statement. `date_of_birth = d AND normalized_full % name`
 * reads the GiST `officer_name_dob_trgm` (1767000120000): only that day's entries, their stored
 * trigrams counted against the name's, so only the names that match are fetched, however many
 * officers share the day. With `pg_trgm.similarity_threshold` at `minScore`, `%` holds exactly
 * when `similarity() >= minScore` (pg_trgm computes both from the same trigram count); the
 * `similarity()` filter stays, so that the rule never depends on the index. Queries go in date
 * order, so that neighbouring days read neighbouring index pages.
 */
export async function findLikelyDuplicates(manager: EntityManager, queries: readonly DuplicateQuery[], minScore: number): Promise<DuplicateCandidate[]> {
  const flat = queries
    .flatMap((q) => q.names.map((name) => ({ key: q.key, dob: q.dateOfBirth, name, self: q.self })))
    .sort((a, b) => (a.dob < b.dob ? -1 : a.dob > b.dob ? 1 : a.key - b.key));
  if (flat.length === 0) return [];
  await manager.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [String(minScore)]);
  const rows = await manager.query<
    {
      key: number;
      officer_id: string;
      post_id: string;
      first_name: string;
      middle_name: string | null;
      last_name: string;
      suffix: string | null;
      score: number;
    }[]
  >(
    `SELECT q.key, o.id AS officer_id, o.post_id, o.first_name, o.middle_name, o.last_name, o.suffix, max(similarity(n.normalized_full, q.name))::float8 AS score
       FROM unnest($1::int[], $2::date[], $3::text[], $4::uuid[]) AS q(key, dob, name, self)
       JOIN officer_name n ON n.date_of_birth = q.dob AND n.normalized_full % q.name AND n.officer_id IS DISTINCT FROM q.self
       JOIN officer o ON o.id = n.officer_id
      WHERE similarity(n.normalized_full, q.name) >= $5
      GROUP BY q.key, o.id
      ORDER BY q.key, score DESC, o.post_id`,
    [flat.map((f) => f.key), flat.map((f) => f.dob), flat.map((f) => f.name), flat.map((f) => f.self), minScore],
  );
  return rows.map((r) => ({
    key: r.key,
    officerId: r.officer_id,
    postId: r.post_id,
    firstName: r.first_name,
    middleName: r.middle_name,
    lastName: r.last_name,
    suffix: r.suffix,
    score: r.score,
  }));
}

/** Pairs of people within one set born the same day with similar names (a file's rows among themselves): the later key with the earlier. */
export async function findLikelyDuplicatesAmong(
  manager: EntityManager,
  queries: readonly DuplicateQuery[],
  minScore: number,
): Promise<{ key: number; otherKey: number; score: number }[]> {
  const flat = queries.flatMap((q) => q.names.map((name) => ({ key: q.key, dob: q.dateOfBirth, name })));
  if (flat.length < 2) return [];
  return manager.query(
    `WITH q AS (SELECT * FROM unnest($1::int[], $2::date[], $3::text[]) AS q(key, dob, name))
     SELECT a.key, b.key AS "otherKey", max(similarity(a.name, b.name))::float8 AS score
       FROM q a JOIN q b ON a.dob = b.dob AND b.key < a.key
      WHERE similarity(a.name, b.name) >= $4
      GROUP BY a.key, b.key`,
    [flat.map((f) => f.key), flat.map((f) => f.dob), flat.map((f) => f.name), minScore],
  );
}

/** Open employments among these (officer, agency) pairs: `employment_one_open_per_agency` allows one. */
export async function openEmploymentPairs(manager: EntityManager, pairs: readonly { officerId: string; agencyId: string }[]): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const rows = await manager.query<{ officer_id: string; agency_id: string }[]>(
    `SELECT e.officer_id, e.agency_id FROM employment e
       JOIN unnest($1::uuid[], $2::uuid[]) AS p(officer_id, agency_id) ON p.officer_id = e.officer_id AND p.agency_id = e.agency_id
      WHERE e.end_date IS NULL`,
    [pairs.map((p) => p.officerId), pairs.map((p) => p.agencyId)],
  );
  return new Set(rows.map((row) => `${row.officer_id}|${row.agency_id}`));
}

/** Inserts imported employments (no hiring check: they predate the registry); their ids in input order. */
export async function insertImportedEmployments(manager: EntityManager, importId: string, rows: readonly ImportedEmployment[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const ids = rows.map(() => timeOrderedUuid());
  await copyRows(
    manager,
    'employment',
    ['id', 'officer_id', 'agency_id', 'position', 'start_date', 'end_date', 'separation_nature', 'separation_reason', 'under_investigation', 'import_id'],
    rows.map((e, i) => [
      ids[i],
      e.officerId,
      e.agencyId,
      e.position,
      e.startDate,
      e.endDate,
      e.separationNature,
      e.separationReason,
      e.underInvestigation,
      importId,
    ]),
  );
  return ids;
}
