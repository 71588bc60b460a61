import type { IsoDate } from '@app/core';
import type { EntityManager } from 'typeorm';
import type { NameCandidate, NameQuery, PartEvidence } from '../domain/name-match';
import { preparedQuery } from '@app/database';

/** A birth date shared by more people than this is a placeholder (1900-01-01), not a person: score the likeliest. */
const MAX_CANDIDATE_ROWS = 1000;
/** Words under 3 letters (particles, initials) take no part in word matching. */
const MIN_WORD_LETTERS = 3;
/** Below this a part cannot lift a match to MATCH_THRESHOLD (0.45² ≈ 0.2025). */
const MIN_PART_SCORE = 0.2;

/**
 * Best pg_trgm similarity between the words of `stored` and the words of `query`. Evaluated
 * only when either side has several words (CASE is lazy): most names are one word, and the
 * whole-part similarity already covers them.
 */
const wordSimilarity = (stored: string, query: string, alias: string) => `
    CASE WHEN position(' ' in ${stored}) > 0 OR position(' ' in ${query}) > 0 THEN
      (SELECT coalesce(max(similarity(s, w)), 0)::float8
         FROM unnest(string_to_array(${stored}, ' ')) s, unnest(string_to_array(${query}, ' ')) w
        WHERE length(s) >= ${MIN_WORD_LETTERS} AND length(w) >= ${MIN_WORD_LETTERS})
    ELSE 0 END AS ${alias}`;

/** `dmetaphone` of each word of a multi-word stored part (null for one word: its whole code serves). */
const wordCodes = (stored: string, alias: string) => `
    CASE WHEN position(' ' in ${stored}) > 0 THEN
      ARRAY(SELECT dmetaphone(w) FROM unnest(string_to_array(${stored}, ' ')) w WHERE length(w) >= ${MIN_WORD_LETTERS})
    END AS ${alias}`;

/**
 * Whether one (stored part, query part) pair could reach the threshold at all: a superset of
 * what `scorePart` can score at 0.2 or more (a listed match needs both parts at 0.2025 or
 * more, since it is their geometric mean). Only rows passing it cross the wire.
 */
const plausible = (pair: string, storedCode: string, queryCode: string, stored: string, query: string) =>
  `(${pair}_sim >= ${MIN_PART_SCORE} OR ${pair}_dist <= 3 OR (${storedCode} <> '' AND ${storedCode} = ${queryCode})
    OR position(' ' in ${stored}) > 0 OR position(' ' in ${query}) > 0)`;

/**
 * Every name (current and alias) of the officers born on `dateOfBirth` who have a plausible
 * name, with the evidence for both name orders: pg_trgm `similarity`, fuzzystrmatch
 * `levenshtein` and `dmetaphone`. The date of birth is an equality on the leading column of
 * the btree `officer_name_dob_last`, so only that day's few rows are scored, however many
 * officers the registry holds (a name match requires the exact date of birth). All names of
 * a plausible officer are returned: the current one tells an alias that is a nickname.
 * `levenshtein` accepts at most 255 characters.
 */
const CANDIDATES_SQL = `
  WITH q AS (
    SELECT dmetaphone($2) AS qf_code, dmetaphone($3) AS ql_code,
           ARRAY(SELECT dmetaphone(w) FROM unnest(string_to_array($2, ' ')) w WHERE length(w) >= ${MIN_WORD_LETTERS}) AS qf_word_codes,
           ARRAY(SELECT dmetaphone(w) FROM unnest(string_to_array($3, ' ')) w WHERE length(w) >= ${MIN_WORD_LETTERS}) AS ql_word_codes
  ), c AS MATERIALIZED (
    SELECT q.*, n.officer_id, n.kind, n.first_name, n.last_name, n.normalized_first, n.normalized_last,
           similarity(n.normalized_first, $2)::float8 AS ff_sim, similarity(n.normalized_last, $3)::float8 AS ll_sim,
           similarity(n.normalized_last, $2)::float8 AS lf_sim, similarity(n.normalized_first, $3)::float8 AS fl_sim,
           levenshtein(left(n.normalized_first, 255), left($2, 255)) AS ff_dist, levenshtein(left(n.normalized_last, 255), left($3, 255)) AS ll_dist,
           levenshtein(left(n.normalized_last, 255), left($2, 255)) AS lf_dist, levenshtein(left(n.normalized_first, 255), left($3, 255)) AS fl_dist,
           dmetaphone(n.normalized_first) AS f_code, dmetaphone(n.normalized_last) AS l_code,
           ${wordCodes('n.normalized_first', 'f_word_codes')}, ${wordCodes('n.normalized_last', 'l_word_codes')},
           ${wordSimilarity('n.normalized_first', '$2', 'ff_wsim')}, ${wordSimilarity('n.normalized_last', '$3', 'll_wsim')},
           ${wordSimilarity('n.normalized_last', '$2', 'lf_wsim')}, ${wordSimilarity('n.normalized_first', '$3', 'fl_wsim')}
      FROM officer_name n CROSS JOIN q
     WHERE n.date_of_birth = $1::date
     ORDER BY similarity(n.normalized_full, $4) DESC, n.officer_id
     LIMIT ${MAX_CANDIDATE_ROWS}
  )
  SELECT * FROM c
   WHERE officer_id IN (
     SELECT officer_id FROM c
      WHERE (${plausible('ff', 'f_code', 'qf_code', 'normalized_first', '$2')} AND ${plausible('ll', 'l_code', 'ql_code', 'normalized_last', '$3')})
         OR (${plausible('lf', 'l_code', 'qf_code', 'normalized_last', '$2')} AND ${plausible('fl', 'f_code', 'ql_code', 'normalized_first', '$3')}))`;

interface CandidateRow {
  /** The query's codes, the same on every row (computed once). */
  qf_code: string;
  ql_code: string;
  qf_word_codes: string[];
  ql_word_codes: string[];
  officer_id: string;
  kind: 'current' | 'alias';
  first_name: string;
  last_name: string;
  normalized_first: string;
  normalized_last: string;
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
  f_word_codes: string[] | null;
  l_word_codes: string[] | null;
  ff_wsim: number;
  ll_wsim: number;
  lf_wsim: number;
  fl_wsim: number;
}

interface Codes {
  whole: string;
  words: string[];
}

const sameCode = (a: string, b: string) => a !== '' && a === b;
const anySameCode = (a: readonly string[], b: readonly string[]) => a.some((code) => b.some((other) => sameCode(code, other)));
const storedCodes = (part: string, whole: string, words: string[] | null): Codes => ({
  whole,
  words: words ?? (part.length >= MIN_WORD_LETTERS ? [whole] : []),
});

function evidence(similarity: number, distance: number, wordSimilarity: number, stored: Codes, query: Codes): PartEvidence {
  return { similarity, distance, wordSimilarity, soundsAlike: sameCode(stored.whole, query.whole), wordSoundsAlike: anySameCode(stored.words, query.words) };
}

export async function findNameCandidates(manager: EntityManager, dateOfBirth: IsoDate, query: NameQuery): Promise<NameCandidate[]> {
  const full = `${query.normalizedFirst} ${query.normalizedLast}`.trim();
  const rows = await preparedQuery<CandidateRow>(manager, 'hiring-name-candidates', CANDIDATES_SQL, [dateOfBirth, query.normalizedFirst, query.normalizedLast, full]);
  return rows.map((row) => {
    const queryFirst: Codes = { whole: row.qf_code, words: row.qf_word_codes };
    const queryLast: Codes = { whole: row.ql_code, words: row.ql_word_codes };
    const first = storedCodes(row.normalized_first, row.f_code, row.f_word_codes);
    const last = storedCodes(row.normalized_last, row.l_code, row.l_word_codes);
    return {
      officerId: row.officer_id,
      kind: row.kind,
      firstName: row.first_name,
      lastName: row.last_name,
      normalizedFirst: row.normalized_first,
      normalizedLast: row.normalized_last,
      first: evidence(row.ff_sim, row.ff_dist, row.ff_wsim, first, queryFirst),
      last: evidence(row.ll_sim, row.ll_dist, row.ll_wsim, last, queryLast),
      lastVsQueryFirst: evidence(row.lf_sim, row.lf_dist, row.lf_wsim, last, queryFirst),
      firstVsQueryLast: evidence(row.fl_sim, row.fl_dist, row.fl_wsim, first, queryLast),
    };
  });
}
