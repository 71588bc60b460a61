import type { EntityManager } from 'typeorm';
import type { OfficerNameKind } from '../domain/officer-identity';

/*
 * The duplicate sweep's reads (PossibleDuplicateSweep): set-wise, one statement for a batch of
 * officers, never one per officer. The evidence is the hiring matcher's (DOMAIN.md "Hiring
 * checks": pg_trgm similarity, fuzzystrmatch levenshtein, dmetaphone codes, the nickname table),
 * measured for each pair of names of two unmerged officers born the same day; the matcher's
 * scoring (`matchNames`) then judges each pair in TypeScript, as at `POST /officers`.
 */

/** A birth date shared by more names than this is a placeholder (1900-01-01), not a person: the sweep leaves it to the commission's search. */
export const SWEEP_MAX_NAMES_PER_DAY = 1000;
/** Words under 3 letters (particles, initials) take no part in word matching (as in name-candidates.queries). */
const MIN_WORD_LETTERS = 3;
/** Below this a part cannot lift a match to MATCH_THRESHOLD (0.45² ≈ 0.2025). */
const MIN_PART_SCORE = 0.2;

export interface SweepBatch {
  officerIds: string[];
  /** Keyset of the last officer read: (created_at, id). */
  last: { createdAt: string; id: string } | null;
}

/** The next officers created at or after `from`, after the keyset, oldest first; merged records are not read. */
export async function sweepBatch(
  manager: EntityManager,
  from: Date | null,
  after: { createdAt: string; id: string } | null,
  limit: number,
): Promise<SweepBatch> {
  const rows = await manager.query<{ id: string; created_at: string }[]>(
    `SELECT o.id, to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS created_at
       FROM officer o
      WHERE ($1::timestamptz IS NULL OR o.created_at >= $1::timestamptz)
        AND ($2::timestamptz IS NULL OR (o.created_at, o.id) > ($2::timestamptz, $3::uuid))
        AND NOT EXISTS (SELECT 1 FROM officer_merge m WHERE m.duplicate_officer_id = o.id)
      ORDER BY o.created_at, o.id
      LIMIT $4`,
    [from, after?.createdAt ?? null, after?.id ?? null, limit],
  );
  const last = rows.at(-1);
  return { officerIds: rows.map((r) => r.id), last: last ? { createdAt: last.created_at, id: last.id } : null };
}

/** Whether two parts could reach MIN_PART_SCORE at all (a superset of what `scorePart` scores at 0.2 or more). */
const plausible = (stored: string, query: string, nickname = 'false') => `(
      position(' ' in ${stored}) > 0 OR position(' ' in ${query}) > 0
      OR levenshtein(left(${stored}, 255), left(${query}, 255)) <= 3
      OR similarity(${stored}, ${query}) >= ${MIN_PART_SCORE}
      OR ${nickname}
      OR (dmetaphone(${stored}) <> '' AND dmetaphone(${stored}) IN (dmetaphone(${query}), dmetaphone_alt(${query})))
      OR (dmetaphone_alt(${stored}) <> '' AND dmetaphone_alt(${stored}) IN (dmetaphone(${query}), dmetaphone_alt(${query}))))`;

/** `a` and `b` are given names of one family in the nickname table (`given_name_variant`, both directions, through the formal name). */
const nicknames = (a: string, b: string) => `(${a} <> ${b} AND (
      EXISTS (SELECT 1 FROM given_name_variant v WHERE (v.name = ${a} AND v.variant = ${b}) OR (v.name = ${b} AND v.variant = ${a}))
      OR EXISTS (SELECT 1 FROM given_name_variant v1 JOIN given_name_variant v2 ON v2.name = v1.name WHERE v1.variant = ${a} AND v2.variant = ${b})))`;

const wordSimilarity = (stored: string, query: string) => `
    CASE WHEN position(' ' in ${stored}) > 0 OR position(' ' in ${query}) > 0 THEN
      (SELECT coalesce(max(similarity(s, w)), 0)::float8
         FROM unnest(string_to_array(${stored}, ' ')) s, unnest(string_to_array(${query}, ' ')) w
        WHERE length(s) >= ${MIN_WORD_LETTERS} AND length(w) >= ${MIN_WORD_LETTERS})
    ELSE 0 END`;

const wordCodes = (part: string) => `ARRAY(SELECT dmetaphone(w) FROM unnest(string_to_array(${part}, ' ')) w WHERE length(w) >= ${MIN_WORD_LETTERS})`;

/**
 * Every pair (name of a batch officer `q`, name of another unmerged officer `n` born the same
 * day) that could match in either order, with the matcher's evidence for `n` as the stored name
 * and `q` as the query, and the whole-name trigram similarity (the `POST /officers` rule).
 * Each officer's names are read through `officer_name_dob_last` (date of birth first): only the
 * batch's days are read, whatever the registry's size.
 */
const PAIRS_SQL = `
  WITH q AS MATERIALIZED (
    SELECT n.officer_id, n.first_name, n.last_name, n.normalized_first AS qf, n.normalized_last AS ql, n.normalized_full AS q_full, n.date_of_birth
      FROM officer_name n
     WHERE n.officer_id = ANY($1::uuid[]) AND n.normalized_first <> '' AND n.normalized_last <> ''
  ), crowded AS MATERIALIZED (
    SELECT d.date_of_birth FROM (SELECT DISTINCT date_of_birth FROM q) d
     WHERE (SELECT count(*) FROM officer_name c WHERE c.date_of_birth = d.date_of_birth) > ${SWEEP_MAX_NAMES_PER_DAY}
  ), pair AS MATERIALIZED (
    SELECT q.officer_id AS q_officer_id, q.first_name AS q_first_name, q.last_name AS q_last_name, q.qf, q.ql, q.q_full,
           n.officer_id, n.kind, n.first_name, n.last_name, n.normalized_first AS nf, n.normalized_last AS nl, n.normalized_full AS n_full
      FROM q JOIN officer_name n ON n.date_of_birth = q.date_of_birth AND n.officer_id <> q.officer_id
     WHERE q.date_of_birth NOT IN (SELECT date_of_birth FROM crowded)
       AND NOT EXISTS (SELECT 1 FROM officer_merge m WHERE m.duplicate_officer_id = n.officer_id)
  )
  SELECT p.q_officer_id, p.q_first_name, p.q_last_name, p.qf, p.ql,
         p.officer_id, p.kind, p.first_name, p.last_name, p.nf, p.nl,
         similarity(p.n_full, p.q_full)::float8 AS full_sim,
         similarity(p.nf, p.qf)::float8 AS ff_sim, similarity(p.nl, p.ql)::float8 AS ll_sim,
         similarity(p.nl, p.qf)::float8 AS lf_sim, similarity(p.nf, p.ql)::float8 AS fl_sim,
         levenshtein(left(p.nf, 255), left(p.qf, 255)) AS ff_dist, levenshtein(left(p.nl, 255), left(p.ql, 255)) AS ll_dist,
         levenshtein(left(p.nl, 255), left(p.qf, 255)) AS lf_dist, levenshtein(left(p.nf, 255), left(p.ql, 255)) AS fl_dist,
         dmetaphone(p.nf) AS f_code, dmetaphone(p.nl) AS l_code, dmetaphone_alt(p.nf) AS f_alt, dmetaphone_alt(p.nl) AS l_alt,
         dmetaphone(p.qf) AS qf_code, dmetaphone(p.ql) AS ql_code, dmetaphone_alt(p.qf) AS qf_alt, dmetaphone_alt(p.ql) AS ql_alt,
         ${wordCodes('p.nf')} AS f_word_codes, ${wordCodes('p.nl')} AS l_word_codes,
         ${wordCodes('p.qf')} AS qf_word_codes, ${wordCodes('p.ql')} AS ql_word_codes,
         ${nicknames('p.nf', 'p.qf')} AS ff_nick, ${nicknames('p.nf', 'p.ql')} AS fl_nick,
         ${wordSimilarity('p.nf', 'p.qf')} AS ff_wsim, ${wordSimilarity('p.nl', 'p.ql')} AS ll_wsim,
         ${wordSimilarity('p.nl', 'p.qf')} AS lf_wsim, ${wordSimilarity('p.nf', 'p.ql')} AS fl_wsim
    FROM pair p
   WHERE similarity(p.n_full, p.q_full) >= $2
      OR (${plausible('p.nl', 'p.ql')} AND ${plausible('p.nf', 'p.qf', nicknames('p.nf', 'p.qf'))})
      OR (${plausible('p.nl', 'p.qf')} AND ${plausible('p.nf', 'p.ql', nicknames('p.nf', 'p.ql'))})`;

export interface SweepPairRow {
  q_officer_id: string;
  q_first_name: string;
  q_last_name: string;
  qf: string;
  ql: string;
  officer_id: string;
  kind: OfficerNameKind;
  first_name: string;
  last_name: string;
  nf: string;
  nl: string;
  full_sim: number;
  ff_sim: number;
  ll_sim: number;
  lf_sim: number;
  fl_sim: number;
  ff_dist: number;
  ll_dist: number;
  lf_dist: number;
  fl_dist: number;
  f_code: string;
  l_code: string;
  f_alt: string;
  l_alt: string;
  qf_code: string;
  ql_code: string;
  qf_alt: string;
  ql_alt: string;
  f_word_codes: string[];
  l_word_codes: string[];
  qf_word_codes: string[];
  ql_word_codes: string[];
  ff_nick: boolean;
  fl_nick: boolean;
  ff_wsim: number;
  ll_wsim: number;
  lf_wsim: number;
  fl_wsim: number;
}

/** The name pairs of a batch that could be one person, with their evidence (one statement). */
export function sweepNamePairs(manager: EntityManager, officerIds: readonly string[], minFullSimilarity: number): Promise<SweepPairRow[]> {
  if (officerIds.length === 0) return Promise.resolve([]);
  return manager.query<SweepPairRow[]>(PAIRS_SQL, [officerIds, minFullSimilarity]);
}

/** Where the next run starts: the officers created from `readFrom` on (null: never run, every officer). */
export async function readSweepFrom(manager: EntityManager): Promise<Date | null> {
  const [row] = await manager.query<{ read_from: Date }[]>(`SELECT read_from FROM duplicate_sweep_state`);
  return row?.read_from ?? null;
}

/** A run done: the next reads the officers created from `readFrom` on. */
export async function recordSweep(manager: EntityManager, run: { readFrom: Date; officersRead: number; pairsFound: number }): Promise<void> {
  await manager.query(
    `INSERT INTO duplicate_sweep_state (id, read_from, finished_at, officers_read, pairs_found) VALUES (true, $1, now(), $2, $3)
     ON CONFLICT (id) DO UPDATE SET read_from = EXCLUDED.read_from, finished_at = EXCLUDED.finished_at,
                                    officers_read = EXCLUDED.officers_read, pairs_found = EXCLUDED.pairs_found`,
    [run.readFrom, run.officersRead, run.pairsFound],
  );
}
