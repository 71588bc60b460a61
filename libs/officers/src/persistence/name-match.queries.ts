import type { IsoDate } from '@app/core';
import { EntityManager } from 'typeorm';

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
 * similar to any of `normalizedNames`. The date of birth is equality on the leading column
 * of `officer_name_dob_last`, so only that day's few rows are scored, however large the table.
 */
export async function findSameBirthDateSimilarNames(
  manager: EntityManager,
  dateOfBirth: IsoDate,
  normalizedNames: string[],
  minScore: number,
  limit: number,
): Promise<NameMatchRow[]> {
  const rows = (await manager.query(
    `SELECT ${OFFICER_COLUMNS}, max(similarity(n.normalized_full, q.name))::float8 AS score
       FROM officer_name n
       CROSS JOIN unnest($2::text[]) AS q(name)
       JOIN officer o ON o.id = n.officer_id
      WHERE n.date_of_birth = $1::date
      GROUP BY o.id
     HAVING max(similarity(n.normalized_full, q.name)) >= $3
      ORDER BY score DESC, o.post_id
      LIMIT $4`,
    [dateOfBirth, normalizedNames, minScore, limit],
  )) as RawMatch[];
  return rows.map(toRow);
}

/**
 * Officers whose names are similar to `normalizedName` (at least `minScore`), best first.
 * Without a date of birth the `%` operator reads the GIN trigram index
 * `officer_name_full_trgm`; with one, the date-of-birth index narrows first.
 */
export async function searchSimilarNames(
  manager: EntityManager,
  normalizedName: string,
  dateOfBirth: IsoDate | undefined,
  minScore: number,
  limit: number,
): Promise<NameMatchRow[]> {
  // `%` compares against this setting; set per transaction so the server default cannot change results.
  await manager.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [String(minScore)]);
  const filter = dateOfBirth === undefined ? `n.normalized_full % $1` : `n.date_of_birth = $3::date AND similarity(n.normalized_full, $1) >= $4`;
  const params = dateOfBirth === undefined ? [normalizedName, limit] : [normalizedName, limit, dateOfBirth, minScore];
  const rows = (await manager.query(
    `WITH hits AS (
       SELECT n.officer_id, max(similarity(n.normalized_full, $1))::float8 AS score
         FROM officer_name n
        WHERE ${filter}
        GROUP BY n.officer_id
        ORDER BY score DESC, n.officer_id
        LIMIT $2)
     SELECT ${OFFICER_COLUMNS}, hits.score
       FROM hits JOIN officer o ON o.id = hits.officer_id
      ORDER BY hits.score DESC, o.post_id`,
    params,
  )) as RawMatch[];
  return rows.map(toRow);
}
