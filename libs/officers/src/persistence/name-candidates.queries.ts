import type { OfficerNameKind } from '../domain/officer-identity';
import type { IsoDate } from '@app/core';
import type { EntityManager } from 'typeorm';
import type { NameCandidate, NameQuery, PartEvidence } from '../domain/name-match';
import { preparedQuery } from '@app/database';
import { nicknamesOf } from './given-name-alternatives.sql';
import { levenshtein, MIN_WORD_LETTERS, plausiblePart, trigramSimilarity, wordSimilarity } from '../domain/name-evidence';

/** A birth date shared by more people than this is a placeholder (1900-01-01), not a person: score the likeliest. */
const MAX_CANDIDATE_ROWS = 1000;

/** `dmetaphone` of each word of 3+ letters of a text. */
const wordCodesOf = (text: string) => `ARRAY(SELECT dmetaphone(w) FROM unnest(string_to_array(${text}, ' ')) w WHERE length(w) >= ${MIN_WORD_LETTERS})`;

/*
 * Every expression that involves the query reads it from the one-row CTE `q`, never from a
 * bind parameter: a materialised CTE's columns are not constants to the planner, so the plan
 * costs the same whatever the name, and PostgreSQL keeps one generic plan per connection.
 */

/**
 * Every name (current, middle-name form and alias) of the officers born on `dateOfBirth`, with
 * their stored double-metaphone codes (generated columns), and once the query's own codes and
 * nicknames (the `given_name_variant` table). The date of birth is an equality on the leading
 * column of the btree `officer_name_dob_last`, so only that day's few rows are read, however
 * many officers the registry holds (a name match requires the exact date of birth). No function
 * runs per row, except the word codes of the rare multi-word parts: the evidence (trigram
 * similarity, Levenshtein, Damerau) is computed by the service on these few rows
 * (`name-evidence.ts`, the same functions). Only a placeholder day (over MAX_CANDIDATE_ROWS
 * names) is ordered by similarity to keep its likeliest; other days are read as they are. One row
 * comes back, the names as one JSON array: one JSON.parse instead of ~100 rows of 14 fields (and
 * the query's arrays repeated on each) parsed field by field by `pg`.
 */
const DAY_NAMES_SQL = `
  WITH q AS MATERIALIZED (
    SELECT $2::text AS qf, $3::text AS ql, $4::text AS q_full,
           dmetaphone($2) AS qf_code, dmetaphone($3) AS ql_code, dmetaphone_alt($2) AS qf_alt, dmetaphone_alt($3) AS ql_alt,
           ${nicknamesOf('$2')} AS qf_nicknames, ${nicknamesOf('$3')} AS ql_nicknames,
           ${wordCodesOf('$2')} AS qf_word_codes, ${wordCodesOf('$3')} AS ql_word_codes
  ), day AS (
    SELECT n.officer_id, n.kind, n.first_name, n.last_name, n.normalized_first, n.normalized_last,
           n.first_code, n.first_alt, n.last_code, n.last_alt
      FROM officer_name n CROSS JOIN q
     WHERE n.date_of_birth = $1::date
     ORDER BY CASE WHEN (SELECT count(*) FROM officer_name WHERE date_of_birth = $1::date) > ${MAX_CANDIDATE_ROWS}
                   THEN similarity(n.normalized_full, q.q_full) END DESC NULLS LAST, n.officer_id
     LIMIT ${MAX_CANDIDATE_ROWS}
  )
  SELECT q.qf_code, q.ql_code, q.qf_alt, q.ql_alt, q.qf_word_codes, q.ql_word_codes, q.qf_nicknames, q.ql_nicknames,
         (SELECT coalesce(json_agg(json_build_array(
                   day.officer_id, day.kind, day.first_name, day.last_name, day.normalized_first, day.normalized_last,
                   day.first_code, day.first_alt, day.last_code, day.last_alt,
                   CASE WHEN position(' ' in day.normalized_first) > 0 THEN ${wordCodesOf('day.normalized_first')} END,
                   CASE WHEN position(' ' in day.normalized_last) > 0 THEN ${wordCodesOf('day.normalized_last')} END)), '[]')
            FROM day) AS names
    FROM q`;

/** One row: the query's codes and nicknames, and the day's names as one JSON array (one parse, not a row of fields each). */
interface DayNames {
  qf_code: string;
  ql_code: string;
  qf_alt: string;
  ql_alt: string;
  qf_word_codes: string[];
  ql_word_codes: string[];
  qf_nicknames: string[];
  ql_nicknames: string[];
  names: DayName[];
}

/** officer_id, kind, first_name, last_name, normalized_first, normalized_last, first_code, first_alt, last_code, last_alt, first's word codes, last's word codes. */
type DayName = [string, OfficerNameKind, string, string, string, string, string, string, string, string, string[] | null, string[] | null];

interface DayRow {
  officer_id: string;
  kind: OfficerNameKind;
  first_name: string;
  last_name: string;
  normalized_first: string;
  normalized_last: string;
  first_code: string;
  first_alt: string;
  last_code: string;
  last_alt: string;
  f_word_codes: string[] | null;
  l_word_codes: string[] | null;
}

const dayRow = ([
  officer_id,
  kind,
  first_name,
  last_name,
  normalized_first,
  normalized_last,
  first_code,
  first_alt,
  last_code,
  last_alt,
  f_word_codes,
  l_word_codes,
]: DayName): DayRow => ({
  officer_id,
  kind,
  first_name,
  last_name,
  normalized_first,
  normalized_last,
  first_code,
  first_alt,
  last_code,
  last_alt,
  f_word_codes,
  l_word_codes,
});

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

function evidence(stored: string, storedCodes: Codes, query: string, queryCodes: Codes, nicknames?: ReadonlySet<string>): PartEvidence {
  return {
    similarity: trigramSimilarity(stored, query),
    distance: levenshtein(stored, query),
    wordSimilarity: wordSimilarity(stored, query),
    soundsAlike: anySameCode([storedCodes.whole, storedCodes.alt], [queryCodes.whole, queryCodes.alt]),
    wordSoundsAlike: anySameCode(storedCodes.words, queryCodes.words),
    nickname: nicknames ? nicknames.has(stored) : false,
  };
}

/**
 * Every name of the officers born on `dateOfBirth` who have a plausible name (in either order:
 * `plausiblePart` for both parts), with the evidence for both name orders: trigram similarity,
 * Levenshtein distance, `dmetaphone` and `dmetaphone_alt` (the alternative code is what makes
 * `Smith` and `Schmidt` meet), and whether the given name is a nickname of the query's. A name
 * two transposed letters away (`Jhon`) is plausible by its Levenshtein distance (2); the Damerau
 * distance is the matcher's. All names of a plausible officer are returned: the current one tells
 * an alias that is a nickname.
 */
export async function findNameCandidates(manager: EntityManager, dateOfBirth: IsoDate, query: NameQuery): Promise<NameCandidate[]> {
  const full = `${query.normalizedFirst} ${query.normalizedLast}`.trim();
  const [q] = await preparedQuery<DayNames>(manager, 'hiring-name-candidates', DAY_NAMES_SQL, [dateOfBirth, query.normalizedFirst, query.normalizedLast, full]);
  if (!q || q.names.length === 0) return [];
  const rows = q.names.map(dayRow);
  const qf = query.normalizedFirst;
  const ql = query.normalizedLast;
  const queryFirst: Codes = { whole: q.qf_code, alt: q.qf_alt, words: q.qf_word_codes };
  const queryLast: Codes = { whole: q.ql_code, alt: q.ql_alt, words: q.ql_word_codes };
  const qfSound = { code: q.qf_code, alt: q.qf_alt };
  const qlSound = { code: q.ql_code, alt: q.ql_alt };
  const qfNicknames = new Set(q.qf_nicknames);
  const qlNicknames = new Set(q.ql_nicknames);

  const plausibleOfficers = new Set<string>();
  for (const row of rows) {
    const officerId = row.officer_id;
    if (plausibleOfficers.has(officerId)) continue;
    const first = { code: row.first_code, alt: row.first_alt };
    const last = { code: row.last_code, alt: row.last_alt };
    const inOrder = plausiblePart(row.normalized_last, last, ql, qlSound) && plausiblePart(row.normalized_first, first, qf, qfSound, qfNicknames);
    if (inOrder || (plausiblePart(row.normalized_last, last, qf, qfSound) && plausiblePart(row.normalized_first, first, ql, qlSound, qlNicknames))) {
      plausibleOfficers.add(officerId);
    }
  }
  return rows
    .filter((row) => plausibleOfficers.has(row.officer_id))
    .map((row) => {
      const first = storedCodes(row.normalized_first, row.first_code, row.first_alt, row.f_word_codes);
      const last = storedCodes(row.normalized_last, row.last_code, row.last_alt, row.l_word_codes);
      return {
        officerId: row.officer_id,
        kind: row.kind,
        firstName: row.first_name,
        lastName: row.last_name,
        normalizedFirst: row.normalized_first,
        normalizedLast: row.normalized_last,
        first: evidence(row.normalized_first, first, qf, queryFirst, qfNicknames),
        last: evidence(row.normalized_last, last, ql, queryLast),
        lastVsQueryFirst: evidence(row.normalized_last, last, qf, queryFirst),
        firstVsQueryLast: evidence(row.normalized_first, first, ql, queryLast, qlNicknames),
      };
    });
}
