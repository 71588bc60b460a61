import type { OfficerNameKind } from '../domain/officer-identity';
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

/*
 * Every expression that involves the query reads it from the one-row CTE `q`, never from a
 * bind parameter: a materialised CTE's columns are not constants to the planner, so the plan
 * costs the same whatever the name, and PostgreSQL keeps one generic plan per connection.
 * Written with the parameters inline, the planner folded them into a cheaper custom plan and
 * re-planned the statement on every check (0.54 ms of planning per check, on top of 1.1 ms of
 * execution, on the 1M-officer bench).
 */

/**
 * Best pg_trgm similarity between the words of the stored part and the words of the query
 * part. Evaluated only when either side has several words (CASE is lazy): most names are one
 * word, and the whole-part similarity already covers them.
 */
const wordSimilarity = (stored: 'first' | 'last', query: 'qf' | 'ql', alias: string) => `
    CASE WHEN n.${stored[0]}_spaced OR q.${query}_spaced THEN
      (SELECT coalesce(max(similarity(s, w)), 0)::float8
         FROM unnest(string_to_array(n.normalized_${stored}, ' ')) s, unnest(q.${query}_words) w
        WHERE length(s) >= ${MIN_WORD_LETTERS} AND length(w) >= ${MIN_WORD_LETTERS})
    ELSE 0 END AS ${alias}`;

/** `dmetaphone` of each word of a multi-word stored part (null for one word: its whole code serves). */
const wordCodes = (stored: 'first' | 'last', alias: string) => `
    CASE WHEN n.${stored[0]}_spaced THEN
      ARRAY(SELECT dmetaphone(w) FROM unnest(string_to_array(n.normalized_${stored}, ' ')) w WHERE length(w) >= ${MIN_WORD_LETTERS})
    END AS ${alias}`;

/** The query's codes for each word of a part (words of 3+ letters). */
const queryWordCodes = (param: string) => `ARRAY(SELECT dmetaphone(w) FROM unnest(string_to_array(${param}, ' ')) w WHERE length(w) >= ${MIN_WORD_LETTERS})`;

/**
 * Whether one (stored part, query part) pair could reach the threshold at all: a superset of
 * what `scorePart` can score at 0.2 or more (a listed match needs both parts at 0.2025 or
 * more, since it is their geometric mean). The cheapest tests come first: OR and AND stop at
 * the first decisive term, so most of the day's names never reach `similarity` or `dmetaphone`.
 */
const plausible = (stored: 'first' | 'last', query: 'qf' | 'ql') =>
  `(n.${stored[0]}_spaced OR q.${query}_spaced
      OR levenshtein(left(n.normalized_${stored}, 255), q.${query}_left) <= 3
      OR similarity(n.normalized_${stored}, q.${query})::float8 >= ${MIN_PART_SCORE}
      ${stored === 'first' ? `OR n.normalized_first = ANY(q.${query}_nicknames)` : ''}
      OR (q.${query}_code <> '' AND dmetaphone(n.normalized_${stored}) IN (q.${query}_code, q.${query}_alt))
      OR (q.${query}_alt <> '' AND dmetaphone_alt(n.normalized_${stored}) IN (q.${query}_code, q.${query}_alt)))`;

/**
 * The given names of one family with `name` in the nickname table (`given_name_variant`, both
 * directions: Bill → William → Billy, Will, Liam…), without `name` itself. Two primary-key or
 * index lookups per query part.
 */
const nicknamesOf = (param: string) => `ARRAY(
      WITH formal AS (SELECT ${param}::text AS name UNION SELECT name FROM given_name_variant WHERE variant = ${param})
      SELECT f.name FROM formal f WHERE f.name <> ${param}
      UNION SELECT v.variant FROM given_name_variant v JOIN formal f ON v.name = f.name WHERE v.variant <> ${param})`;

/**
 * Every name (current and alias) of the officers born on `dateOfBirth` who have a plausible
 * name, with the evidence for both name orders: pg_trgm `similarity`, fuzzystrmatch
 * `levenshtein`, `dmetaphone` and `dmetaphone_alt` (the alternative code is what makes `Smith`
 * and `Schmidt` meet), and whether the given name is a nickname of the query's (the
 * `given_name_variant` table). A name two transposed letters away (`Jhon`) passes `plausible`
 * by its Levenshtein distance (2); the Damerau distance is the matcher's, on these few rows. The date of birth is an equality on the leading column of
 * the btree `officer_name_dob_last`, so only that day's few rows are read, however many
 * officers the registry holds (a name match requires the exact date of birth). The evidence
 * is computed only for the officers with a plausible name (in either order); all their names
 * are returned: the current one tells an alias that is a nickname. Only a placeholder day
 * (over MAX_CANDIDATE_ROWS names) is ordered by similarity to keep its likeliest; other days
 * keep every row unsorted by it. `levenshtein` accepts at most 255 characters.
 */
const CANDIDATES_SQL = `
  WITH q AS MATERIALIZED (
    SELECT $2::text AS qf, $3::text AS ql, $4::text AS q_full, left($2, 255) AS qf_left, left($3, 255) AS ql_left,
           position(' ' in $2) > 0 AS qf_spaced, position(' ' in $3) > 0 AS ql_spaced,
           string_to_array($2, ' ') AS qf_words, string_to_array($3, ' ') AS ql_words,
           dmetaphone($2) AS qf_code, dmetaphone($3) AS ql_code, dmetaphone_alt($2) AS qf_alt, dmetaphone_alt($3) AS ql_alt,
           ${nicknamesOf('$2')} AS qf_nicknames, ${nicknamesOf('$3')} AS ql_nicknames,
           ${queryWordCodes('$2')} AS qf_word_codes, ${queryWordCodes('$3')} AS ql_word_codes
  ), day AS MATERIALIZED (
    SELECT n.officer_id, n.kind, n.first_name, n.last_name, n.normalized_first, n.normalized_last,
           position(' ' in n.normalized_first) > 0 AS f_spaced, position(' ' in n.normalized_last) > 0 AS l_spaced
      FROM officer_name n CROSS JOIN q
     WHERE n.date_of_birth = $1::date
     ORDER BY CASE WHEN (SELECT count(*) FROM officer_name WHERE date_of_birth = $1::date) > ${MAX_CANDIDATE_ROWS}
                   THEN similarity(n.normalized_full, q.q_full) END DESC NULLS LAST, n.officer_id
     LIMIT ${MAX_CANDIDATE_ROWS}
  ), plausible_officer AS (
    SELECT DISTINCT n.officer_id FROM day n CROSS JOIN q
     WHERE (${plausible('last', 'ql')} AND ${plausible('first', 'qf')})
        OR (${plausible('last', 'qf')} AND ${plausible('first', 'ql')})
  )
  SELECT q.qf_code, q.ql_code, q.qf_alt, q.ql_alt, q.qf_word_codes, q.ql_word_codes,
         n.officer_id, n.kind, n.first_name, n.last_name, n.normalized_first, n.normalized_last,
         similarity(n.normalized_first, q.qf)::float8 AS ff_sim, similarity(n.normalized_last, q.ql)::float8 AS ll_sim,
         similarity(n.normalized_last, q.qf)::float8 AS lf_sim, similarity(n.normalized_first, q.ql)::float8 AS fl_sim,
         levenshtein(left(n.normalized_first, 255), q.qf_left) AS ff_dist, levenshtein(left(n.normalized_last, 255), q.ql_left) AS ll_dist,
         levenshtein(left(n.normalized_last, 255), q.qf_left) AS lf_dist, levenshtein(left(n.normalized_first, 255), q.ql_left) AS fl_dist,
         dmetaphone(n.normalized_first) AS f_code, dmetaphone(n.normalized_last) AS l_code,
         dmetaphone_alt(n.normalized_first) AS f_alt, dmetaphone_alt(n.normalized_last) AS l_alt,
         n.normalized_first = ANY(q.qf_nicknames) AS ff_nick, n.normalized_first = ANY(q.ql_nicknames) AS fl_nick,
         ${wordCodes('first', 'f_word_codes')}, ${wordCodes('last', 'l_word_codes')},
         ${wordSimilarity('first', 'qf', 'ff_wsim')}, ${wordSimilarity('last', 'ql', 'll_wsim')},
         ${wordSimilarity('last', 'qf', 'lf_wsim')}, ${wordSimilarity('first', 'ql', 'fl_wsim')}
    FROM day n JOIN plausible_officer USING (officer_id) CROSS JOIN q`;

interface CandidateRow {
  /** The query's codes, the same on every row (computed once). */
  qf_code: string;
  ql_code: string;
  qf_alt: string;
  ql_alt: string;
  qf_word_codes: string[];
  ql_word_codes: string[];
  officer_id: string;
  kind: OfficerNameKind;
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
  f_alt: string;
  l_alt: string;
  ff_nick: boolean;
  fl_nick: boolean;
  f_word_codes: string[] | null;
  l_word_codes: string[] | null;
  ff_wsim: number;
  ll_wsim: number;
  lf_wsim: number;
  fl_wsim: number;
}

interface Codes {
  whole: string;
  /** dmetaphone_alt of the whole part: `Smith` is SM0 / XMT, `Schmidt` XMT / SMT. */
  alt: string;
  words: string[];
}

const sameCode = (a: string, b: string) => a !== '' && a === b;
const anySameCode = (a: readonly string[], b: readonly string[]) => a.some((code) => b.some((other) => sameCode(code, other)));
const storedCodes = (part: string, whole: string, alt: string, words: string[] | null): Codes => ({
  whole,
  alt,
  words: words ?? (part.length >= MIN_WORD_LETTERS ? [whole] : []),
});

function evidence(similarity: number, distance: number, wordSimilarity: number, stored: Codes, query: Codes, nickname = false): PartEvidence {
  return {
    similarity,
    distance,
    wordSimilarity,
    soundsAlike: anySameCode([stored.whole, stored.alt], [query.whole, query.alt]),
    wordSoundsAlike: anySameCode(stored.words, query.words),
    nickname,
  };
}

export async function findNameCandidates(manager: EntityManager, dateOfBirth: IsoDate, query: NameQuery): Promise<NameCandidate[]> {
  const full = `${query.normalizedFirst} ${query.normalizedLast}`.trim();
  const rows = await preparedQuery<CandidateRow>(manager, 'hiring-name-candidates', CANDIDATES_SQL, [
    dateOfBirth,
    query.normalizedFirst,
    query.normalizedLast,
    full,
  ]);
  return rows.map((row) => {
    const queryFirst: Codes = { whole: row.qf_code, alt: row.qf_alt, words: row.qf_word_codes };
    const queryLast: Codes = { whole: row.ql_code, alt: row.ql_alt, words: row.ql_word_codes };
    const first = storedCodes(row.normalized_first, row.f_code, row.f_alt, row.f_word_codes);
    const last = storedCodes(row.normalized_last, row.l_code, row.l_alt, row.l_word_codes);
    return {
      officerId: row.officer_id,
      kind: row.kind,
      firstName: row.first_name,
      lastName: row.last_name,
      normalizedFirst: row.normalized_first,
      normalizedLast: row.normalized_last,
      first: evidence(row.ff_sim, row.ff_dist, row.ff_wsim, first, queryFirst, row.ff_nick),
      last: evidence(row.ll_sim, row.ll_dist, row.ll_wsim, last, queryLast),
      lastVsQueryFirst: evidence(row.lf_sim, row.lf_dist, row.lf_wsim, last, queryFirst),
      firstVsQueryLast: evidence(row.fl_sim, row.fl_dist, row.fl_wsim, first, queryLast, row.fl_nick),
    };
  });
}
