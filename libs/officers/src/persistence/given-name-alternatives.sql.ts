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

/**
 * Issue 21, the searches by free-text name: the hiring check's rules for a given name that
 * trigrams cannot see, applied to a name query's words. CTEs, in a `WITH` list, over the
 * normalised query `param`:
 * - `w(word, ord)`: its words;
 * - `alt(ord, name, score)`: each word's alternative given names, scored as `scorePart` scores
 *   them: its nicknames (`given_name_variant`, NICKNAME_SCORE) and its spellings with two
 *   adjacent letters swapped (Damerau distance 1: `typoScore(1)`; `jhon` → `john`, `mcihael` →
 *   `michael`), looked up once per search, never per row;
 * - `pairs(last_code, first_code, lword, ford)`: the (surname, given name) double-metaphone keys of
 *   the `officer_name_sound_cover` index to read: every ordered pair of words, the given name's
 *   own code and its alternatives' codes (`william` is ALM where `bill` is PL).
 */
export const soundPairsSql = (param: string) => `
  w AS (SELECT word, ord FROM unnest(string_to_array(${param}, ' ')) WITH ORDINALITY AS t(word, ord)),
  alt AS MATERIALIZED (
    SELECT w.ord, nick.name, ${NICKNAME_SCORE}::float8 AS score FROM w CROSS JOIN LATERAL unnest(${nicknamesOf('w.word')}) AS nick(name)
    UNION ALL
    SELECT w.ord, overlay(w.word PLACING substr(w.word, i + 1, 1) || substr(w.word, i, 1) FROM i FOR 2), ${typoScore(1, MIN_WORD_LETTERS)}::float8
      FROM w CROSS JOIN generate_series(1, length(w.word) - 1) AS i
     WHERE length(w.word) >= ${MIN_WORD_LETTERS} AND substr(w.word, i, 1) <> substr(w.word, i + 1, 1)),
  pairs AS MATERIALIZED (
    SELECT DISTINCT dmetaphone(l.word) AS last_code, c.code AS first_code, l.word AS lword, f.ord AS ford
      FROM w l JOIN w f ON l.ord <> f.ord
     CROSS JOIN LATERAL (SELECT dmetaphone(f.word) UNION SELECT dmetaphone(a.name) FROM alt a WHERE a.ord = f.ord) AS c(code)
     WHERE dmetaphone(l.word) <> '' AND c.code <> '')`;

/**
 * For a name `n` of `officer_name` read through a row `p` of `pairs`: the score (0..1) of the
 * alternative-given-name rule, or NULL when the name has no alternative of the pair's given-name
 * word. As the hiring check's geometric mean: the alternative's score times the surname's (the
 * pair's surname word is a word of the name: 1; else it only sounds alike, it shares the code:
 * SOUNDS_ALIKE_SCORE), square-rooted. On the few hundred names of the pairs only.
 */
export const alternativeRuleScoreSql = (n: string, p: string) => `sqrt((SELECT max(a.score) FROM alt a
          WHERE a.ord = ${p}.ford AND a.name = ANY(string_to_array(${n}.normalized_full, ' ')))
        * CASE WHEN ${p}.lword = ANY(string_to_array(${n}.normalized_full, ' ')) THEN 1 ELSE ${SOUNDS_ALIKE_SCORE} END)`;
