import type { IsoDate } from '@app/core';
import { EntityManager } from 'typeorm';
import { alternativeRuleScoreSql, soundPairsSql } from './given-name-alternatives.sql';

/** One officer found by name: the best score over its current name and aliases. */
export interface NameMatchRow {
  officerId: string;
  postId: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  suffix: string | null;
  dateOfBirth: IsoDate;
  /** pg_trgm similarity 0..1 of the normalised `first last`. */
  score: number;
}

interface RawMatch {
  officer_id: string;
  post_id: string;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  suffix: string | null;
  date_of_birth: string;
  score: number;
}

const toRow = (r: RawMatch): NameMatchRow => ({
  officerId: r.officer_id,
  postId: r.post_id,
  firstName: r.first_name,
  middleName: r.middle_name,
  lastName: r.last_name,
  suffix: r.suffix,
  dateOfBirth: r.date_of_birth,
  score: r.score,
});

const OFFICER_COLUMNS = `o.id AS officer_id, o.post_id, o.first_name, o.middle_name, o.last_name, o.suffix, o.date_of_birth`;

/**
 * Officers born on `dateOfBirth` with any name (current or alias) at least `minScore`
 * similar to any of `normalizedNames`, and the officers `alsoOfficerIds` (found by the
 * matcher's rules) whatever their similarity. The date of birth is equality on the leading
 * column of `officer_name_dob_last`, so only that day's few rows are scored, however large the table.
 */
export async function findSameBirthDateSimilarNames(
  manager: EntityManager,
  dateOfBirth: IsoDate,
  normalizedNames: string[],
  minScore: number,
  limit: number,
  alsoOfficerIds: readonly string[] = [],
): Promise<NameMatchRow[]> {
  const rows = await manager.query<RawMatch[]>(
    `SELECT ${OFFICER_COLUMNS}, max(similarity(n.normalized_full, q.name))::float8 AS score
       FROM officer_name n
       CROSS JOIN unnest($2::text[]) AS q(name)
       JOIN officer o ON o.id = n.officer_id
      WHERE n.date_of_birth = $1::date
      GROUP BY o.id
     HAVING max(similarity(n.normalized_full, q.name)) >= $3 OR o.id = ANY($5::uuid[])
      ORDER BY score DESC, o.post_id
      LIMIT $4`,
    [dateOfBirth, normalizedNames, minScore, limit, alsoOfficerIds],
  );
  return rows.map(toRow);
}

/**
 * Narrower whole-name thresholds tried first, strictest first (those above the caller's
 * `minScore`): at threshold `t` an officer is found when one of its names is at least `t`
 * similar, and its score is then its best name's, the score the full search gives it.
 */
const NARROW_STEPS = [0.7, 0.5];

/**
 * Officers whose names are similar to `normalizedName` (at least `minScore`), best first.
 * Without a date of birth the `%` operator reads the GIN trigram index
 * `officer_name_full_trgm`; with one, the date-of-birth index narrows first.
 *
 * Without a date of birth, in steps, same answer. At national scale a common name part gives
 * tens of thousands of names at similarity 0.3, each fetched, rechecked and scored ("anna
 * smith" among 1M officers: 1.6 s from disk, 0.2 s cached). So stricter thresholds go first:
 * when a step fills the `limit`, every officer it left out scores below its threshold, below
 * every officer it found, and the looser steps are skipped ("anna smith": 0.12 s, 0.02 s). A search that finds few
 * officers pays a few cheap index scans instead of one.
 */
export async function searchSimilarNames(
  manager: EntityManager,
  normalizedName: string,
  dateOfBirth: IsoDate | undefined,
  minScore: number,
  limit: number,
): Promise<NameMatchRow[]> {
  const bySimilarity = await similarNames(manager, normalizedName, dateOfBirth, minScore, limit);
  const byRule = await alternativeGivenNames(manager, normalizedName, dateOfBirth, limit);
  if (byRule.length === 0) return bySimilarity;
  // An officer found both ways scores its best; a stepped search left out only officers below every one it listed.
  const best = new Map<string, NameMatchRow>(bySimilarity.map((row) => [row.officerId, row]));
  for (const row of byRule) {
    const found = best.get(row.officerId);
    if (!found || found.score < row.score) best.set(row.officerId, { ...row, score: Math.max(row.score, found?.score ?? 0) });
  }
  return [...best.values()].sort((a, b) => b.score - a.score || (a.postId < b.postId ? -1 : a.postId > b.postId ? 1 : 0)).slice(0, limit);
}

async function similarNames(
  manager: EntityManager,
  normalizedName: string,
  dateOfBirth: IsoDate | undefined,
  minScore: number,
  limit: number,
): Promise<NameMatchRow[]> {
  if (dateOfBirth !== undefined) return sameBirthDateSimilarNames(manager, normalizedName, dateOfBirth, minScore, limit);
  for (const threshold of NARROW_STEPS.filter((step) => step > minScore)) {
    const rows = await similarNamesAtLeast(manager, normalizedName, threshold, limit);
    if (rows.length === limit) return rows;
  }
  return similarNamesAtLeast(manager, normalizedName, minScore, limit);
}

/**
 * Issue 21: officers whose given name is, by the hiring check's rules, an alternative of a word of
 * the query that trigram similarity cannot see (a nickname: "Bill Smith" for William Smith; two
 * adjacent letters swapped: "Jhon Smith" for John Smith), with a surname sounding like another word
 * of it: read through the `officer_name_sound_cover` keys of those pairs, a few hundred names at
 * national scale, scored as the hiring check scores them (`alternativeRuleScoreSql`), best first.
 */
const ALTERNATIVE_GIVEN_NAMES_SQL = `
  WITH ${soundPairsSql('$1')}
  SELECT ${OFFICER_COLUMNS}, hits.score
    FROM (SELECT n.officer_id, max(${alternativeRuleScoreSql('n', 'p')})::float8 AS score
            FROM pairs p
            JOIN officer_name n ON n.last_code = p.last_code AND n.first_code = p.first_code
           WHERE $3::date IS NULL OR n.date_of_birth = $3::date
           GROUP BY n.officer_id) hits
    JOIN officer o ON o.id = hits.officer_id
   WHERE hits.score IS NOT NULL
   ORDER BY hits.score DESC, o.post_id
   LIMIT $2`;

async function alternativeGivenNames(manager: EntityManager, normalizedName: string, dateOfBirth: IsoDate | undefined, limit: number): Promise<NameMatchRow[]> {
  if (!normalizedName.includes(' ')) return [];
  const rows = await manager.query<RawMatch[]>(ALTERNATIVE_GIVEN_NAMES_SQL, [normalizedName, limit, dateOfBirth ?? null]);
  return rows.map(toRow);
}

/**
 * One pass over the trigram index: officers with a name at least `threshold` similar, best
 * first, then by POST ID. Run inside a transaction: `%` reads a transaction-local setting, so the
 * server's default cannot change results.
 */
export async function similarNamesAtLeast(manager: EntityManager, normalizedName: string, threshold: number, limit: number): Promise<NameMatchRow[]> {
  await manager.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [String(threshold)]);
  return scoredOfficers(manager, `n.normalized_full % $1`, [normalizedName, limit]);
}

function sameBirthDateSimilarNames(
  manager: EntityManager,
  normalizedName: string,
  dateOfBirth: IsoDate,
  minScore: number,
  limit: number,
): Promise<NameMatchRow[]> {
  return scoredOfficers(manager, `n.date_of_birth = $3::date AND similarity(n.normalized_full, $1) >= $4`, [normalizedName, limit, dateOfBirth, minScore]);
}

/** `filter` selects `officer_name n` rows; $1 is the normalised name, $2 the limit. Best first, then by POST ID. */
async function scoredOfficers(manager: EntityManager, filter: string, params: unknown[]): Promise<NameMatchRow[]> {
  const rows = await manager.query<RawMatch[]>(
    `WITH hits AS (
       SELECT n.officer_id, n.post_id, max(similarity(n.normalized_full, $1))::float8 AS score
         FROM officer_name n
        WHERE ${filter}
        GROUP BY n.officer_id, n.post_id
        ORDER BY score DESC, n.post_id
        LIMIT $2)
     SELECT ${OFFICER_COLUMNS}, hits.score
       FROM hits JOIN officer o ON o.id = hits.officer_id
      ORDER BY hits.score DESC, o.post_id`,
    params,
  );
  return rows.map(toRow);
}
