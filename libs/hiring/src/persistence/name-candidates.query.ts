import type { IsoDate } from '@app/core';
import type { EntityManager } from 'typeorm';
import type { NameCandidate, NameQuery, PartEvidence } from '../domain/name-match';

/** A birth date shared by more people than this is a placeholder (1900-01-01), not a person: score the likeliest. */
const MAX_CANDIDATE_ROWS = 1000;

/**
 * SQL for the evidence about one (stored part, query part) pair: pg_trgm similarity,
 * fuzzystrmatch levenshtein and dmetaphone, whole and word by word. Words under 3 letters
 * (particles, initials) take no part in word matching. `levenshtein` accepts at most 255
 * characters; names are at most 100 before normalisation can lengthen them.
 */
function pairEvidence(stored: string, query: string, queryCode: string, queryWords: string, alias: string): string {
  return `
    similarity(${stored}, ${query})::float8 AS ${alias}_sim,
    levenshtein(left(${stored}, 255), left(${query}, 255)) AS ${alias}_dist,
    (dmetaphone(${stored}) <> '' AND dmetaphone(${stored}) = ${queryCode}) AS ${alias}_sounds,
    (SELECT coalesce(max(similarity(s, w)), 0)::float8 FROM unnest(string_to_array(${stored}, ' ')) s, unnest(${queryWords}) w WHERE length(s) >= 3) AS ${alias}_wsim,
    EXISTS (SELECT 1 FROM unnest(string_to_array(${stored}, ' ')) s, unnest(${queryWords}) w
             WHERE length(s) >= 3 AND dmetaphone(s) <> '' AND dmetaphone(s) = dmetaphone(w)) AS ${alias}_wsounds`;
}

/**
 * Every name (current and alias) of the officers born on `dateOfBirth`, with the evidence
 * for both name orders. The date of birth is an equality on the leading column of the
 * btree `officer_name_dob_last`, so only that day's few rows are scored, however many
 * officers the registry holds (a name match requires the exact date of birth).
 */
const CANDIDATES_SQL = `
  WITH q AS (
    SELECT $2::text AS qf, $3::text AS ql, dmetaphone($2::text) AS qf_code, dmetaphone($3::text) AS ql_code,
           ARRAY(SELECT w FROM unnest(string_to_array($2::text, ' ')) w WHERE length(w) >= 3) AS qf_words,
           ARRAY(SELECT w FROM unnest(string_to_array($3::text, ' ')) w WHERE length(w) >= 3) AS ql_words
  )
  SELECT n.officer_id, n.kind, n.first_name, n.last_name, n.normalized_first, n.normalized_last,
         ${pairEvidence('n.normalized_first', 'q.qf', 'q.qf_code', 'q.qf_words', 'ff')},
         ${pairEvidence('n.normalized_last', 'q.ql', 'q.ql_code', 'q.ql_words', 'll')},
         ${pairEvidence('n.normalized_last', 'q.qf', 'q.qf_code', 'q.qf_words', 'lf')},
         ${pairEvidence('n.normalized_first', 'q.ql', 'q.ql_code', 'q.ql_words', 'fl')}
    FROM officer_name n CROSS JOIN q
   WHERE n.date_of_birth = $1::date
   ORDER BY similarity(n.normalized_full, $4::text) DESC, n.officer_id
   LIMIT ${MAX_CANDIDATE_ROWS}`;

type PairColumns<P extends string> = Record<`${P}_sim` | `${P}_wsim`, number> & Record<`${P}_dist`, number> & Record<`${P}_sounds` | `${P}_wsounds`, boolean>;
type CandidateRow = {
  officer_id: string;
  kind: 'current' | 'alias';
  first_name: string;
  last_name: string;
  normalized_first: string;
  normalized_last: string;
} & PairColumns<'ff'> &
  PairColumns<'ll'> &
  PairColumns<'lf'> &
  PairColumns<'fl'>;

function evidenceOf<P extends 'ff' | 'll' | 'lf' | 'fl'>(row: CandidateRow, pair: P): PartEvidence {
  const r = row as unknown as Record<string, number | boolean>;
  return {
    similarity: r[`${pair}_sim`] as number,
    distance: r[`${pair}_dist`] as number,
    soundsAlike: r[`${pair}_sounds`] as boolean,
    wordSimilarity: r[`${pair}_wsim`] as number,
    wordSoundsAlike: r[`${pair}_wsounds`] as boolean,
  };
}

export async function findNameCandidates(manager: EntityManager, dateOfBirth: IsoDate, query: NameQuery): Promise<NameCandidate[]> {
  const full = `${query.normalizedFirst} ${query.normalizedLast}`.trim();
  const rows = (await manager.query(CANDIDATES_SQL, [dateOfBirth, query.normalizedFirst, query.normalizedLast, full])) as CandidateRow[];
  return rows.map((row) => ({
    officerId: row.officer_id,
    kind: row.kind,
    firstName: row.first_name,
    lastName: row.last_name,
    normalizedFirst: row.normalized_first,
    normalizedLast: row.normalized_last,
    first: evidenceOf(row, 'ff'),
    last: evidenceOf(row, 'll'),
    lastVsQueryFirst: evidenceOf(row, 'lf'),
    firstVsQueryLast: evidenceOf(row, 'fl'),
  }));
}
