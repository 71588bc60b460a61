import { MIN_WORD_LETTERS } from '../domain/name-evidence';
import { NICKNAME_SCORE, SOUNDS_ALIKE_SCORE, typoScore } from '../domain/name-match';

/**
 * The given names of one family with `name` in the nickname table (`given_name_variant`, both
 * directions: Bill → William → Billy, Will, Liam…), without `name` itself. Two primary-key or
 * index lookups per query part.
 */
export const nicknamesOf = (param: string) => `ARRAY(
      WITH formal AS (SELECT ${param}::text AS name UNION SELECT name FROM given_name_variant WHERE variant = ${param})
      SELECT f.name FROM formal f WHERE f.name <> ${param}
      UNION SELECT v.variant FROM given_name_variant v JOIN formal f ON v.name = f.name WHERE v.variant <> ${param})`;

const NICKNAMES_SQL = (word: string) => nicknamesOf(word);
/** Every spelling of `word` (3+ letters) with two adjacent, different letters swapped: Damerau distance 1 by a transposition. */
const TRANSPOSITIONS_SQL = (word: string) => `ARRAY(
      SELECT overlay(${word} PLACING substr(${word}, i + 1, 1) || substr(${word}, i, 1) FROM i FOR 2)
        FROM generate_series(1, length(${word}) - 1) AS i
       WHERE length(${word}) >= ${MIN_WORD_LETTERS} AND substr(${word}, i, 1) <> substr(${word}, i + 1, 1))`;

/**
 * Issue 21, the searches by free-text name: the hiring check's rules for a given name that
 * trigrams cannot see, applied to a name query's words. CTEs, in a `WITH` list, over the
 * normalised query `param`:
 * - `w(word, ord, nicknames, transposed)`: its words, each with its alternative given names: its
 *   nicknames (`given_name_variant`, as the hiring check reads them) and its spellings with two
 *   adjacent letters swapped (Damerau distance 1: `jhon` → `john`, `ain` → `ian`), looked up once
 *   per search, never per row;
 * - `pairs(last_code, first_code, lword, nicknames, transposed)`: the (surname, given name)
 *   double-metaphone keys of the `officer_name_sound_cover` index to read, for every ordered pair
 *   of words: the given name's own code and its alternatives' codes (`william` is ALM where `bill`
 *   is PL), with the surname word and the given name's alternatives.
 */
export const soundPairsSql = (param: string) => `
  w AS MATERIALIZED (
    SELECT t.word, t.ord, ${NICKNAMES_SQL('t.word')} AS nicknames, ${TRANSPOSITIONS_SQL('t.word')} AS transposed
      FROM unnest(string_to_array(${param}, ' ')) WITH ORDINALITY AS t(word, ord)),
  pairs AS MATERIALIZED (
    SELECT DISTINCT dmetaphone(l.word) AS last_code, c.code AS first_code, l.word AS lword, f.nicknames, f.transposed
      FROM w l JOIN w f ON l.ord <> f.ord
     CROSS JOIN LATERAL (SELECT dmetaphone(f.word) UNION SELECT dmetaphone(a) FROM unnest(f.nicknames || f.transposed) AS a) AS c(code)
     WHERE dmetaphone(l.word) <> '' AND c.code <> '')`;

/**
 * For a name `n` of `officer_name` read through a row `p` of `pairs`: the score (0..1) of the
 * alternative-given-name rule, or NULL when no word of the name is an alternative of the pair's
 * given-name word. As `scorePart` and the hiring check's geometric mean score it: a nickname
 * NICKNAME_SCORE, a transposition `typoScore(1)`, times the surname's (the pair's surname word is a
 * word of the name: 1; else it only sounds alike, sharing the code: SOUNDS_ALIKE_SCORE),
 * square-rooted. Array operators on the few hundred names of the pairs only.
 */
export const alternativeRuleScoreSql = (n: string, p: string) => `sqrt(
        CASE WHEN string_to_array(${n}.normalized_full, ' ') && ${p}.nicknames THEN ${NICKNAME_SCORE}
             WHEN string_to_array(${n}.normalized_full, ' ') && ${p}.transposed THEN ${typoScore(1, MIN_WORD_LETTERS)} END
        * CASE WHEN ${p}.lword = ANY(string_to_array(${n}.normalized_full, ' ')) THEN 1 ELSE ${SOUNDS_ALIKE_SCORE} END)`;
