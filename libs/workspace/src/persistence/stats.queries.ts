import type { EntityManager } from 'typeorm';
import { effectiveStatusSql } from '@app/certification';
import type { IsoDate } from '@app/core';

/** Months are calendar months of the registry's time zone, `YYYY-MM`; `from`/`to` inclusive days. */
export interface StatsRange {
  from: IsoDate;
  to: IsoDate;
  today: IsoDate;
  timeZone: string;
}

/** The tallies of registry_tally (migration 1767000050100), kept by triggers on the tables they count. */
type Tally = 'certification_status' | 'case_status' | 'decision' | 'final_days' | 'hiring_check';

/** A tally's rows are signed deltas: past this many per key, the read folds them into one (foldTally). */
const ROWS_PER_KEY_BEFORE_FOLD = 4;

/**
 * Folds a tally's deltas into one row per key (dropping keys that sum to zero), when its reader
 * saw them grow. One folder at a time (a transaction-scoped advisory lock; the others skip):
 * rows that writers commit meanwhile are not in the fold's snapshot and stay as they are.
 */
async function foldTally(manager: EntityManager, tally: Tally): Promise<void> {
  await manager.transaction(async (tx) => {
    const [{ locked }] = await tx.query<{ locked: boolean }[]>(`SELECT pg_try_advisory_xact_lock(hashtext('registry_tally'), hashtext($1)) AS locked`, [tally]);
    if (!locked) return;
    await tx.query(
      `WITH gone AS (DELETE FROM registry_tally WHERE tally = $1 RETURNING key, n)
       INSERT INTO registry_tally (tally, key, n) SELECT $1, key, sum(n) FROM gone GROUP BY key HAVING sum(n) <> 0`,
      [tally],
    );
  });
}

/** Sums a tally's rows by key (within [from, to] when given), and folds them when they have grown. */
async function readTally(manager: EntityManager, tally: Tally, range?: { from: string; to: string }): Promise<Map<string, number>> {
  const rows = await manager.query<{ key: string; n: string; rows: number }[]>(
    `SELECT key, sum(n) AS n, count(*)::int AS rows FROM registry_tally
      WHERE tally = $1 ${range ? 'AND key >= $2 AND key <= $3' : ''} GROUP BY key`,
    range ? [tally, range.from, range.to] : [tally],
  );
  if (rows.reduce((sum, r) => sum + r.rows, 0) > ROWS_PER_KEY_BEFORE_FOLD * rows.length + 16) await foldTally(manager, tally);
  return new Map(rows.filter((r) => Number(r.n) !== 0).map((r) => [r.key, Number(r.n)]));
}

/** Every case by its status now: the pipeline. */
export async function casesByStatus(manager: EntityManager): Promise<Map<string, number>> {
  return readTally(manager, 'case_status');
}

/** Decisions (`decide`) by the month they were made and their sanction: the `decision` tally's days within the range. */
export async function decisionsByMonth(manager: EntityManager, range: StatsRange): Promise<{ month: string; sanction: string; n: number }[]> {
  // Keys are `YYYY-MM-DD/<sanction>`: every key of the day `to` sorts before `to` + '0' ('/' < '0').
  const days = await readTally(manager, 'decision', { from: range.from, to: `${range.to}0` });
  const byMonth = new Map<string, { month: string; sanction: string; n: number }>();
  for (const [key, n] of days) {
    const month = key.slice(0, 7);
    const sanction = key.slice(11);
    const row = byMonth.get(`${month}/${sanction}`) ?? { month, sanction, n: 0 };
    row.n += n;
    byMonth.set(`${month}/${sanction}`, row);
  }
  return [...byMonth.values()];
}

/**
 * Median days from the earliest report a case was opened on (the day the agency filed it with the
 * registry) to the day the decision became final, over cases that became final within the range:
 * percentile_cont(0.5) over the `final_days` tally's histogram (days and how many) of those days.
 */
export async function medianDaysReportToFinal(manager: EntityManager, range: StatsRange): Promise<number | null> {
  // medianOfHistogram's rule in SQL (the 0-based middle indexes (total - 1) div 2 and total div 2, each the
  // first value whose running count passes it), so one row returns instead of the ~8,700 keys of a year.
  const [row] = await manager.query<{ rows: number; keys: number; median: number | null }[]>(
    `WITH t AS (SELECT key, sum(n) AS n, count(*) AS r FROM registry_tally
                 WHERE tally = 'final_days' AND key >= $1 AND key <= $2 GROUP BY key),
          h AS (SELECT substring(key, 12)::int AS days, sum(n) AS n FROM t GROUP BY 1 HAVING sum(n) > 0),
          c AS (SELECT days, sum(n) OVER (ORDER BY days) AS seen, sum(n) OVER () AS total FROM h)
     SELECT (SELECT coalesce(sum(r), 0)::int FROM t) AS rows, (SELECT count(*)::int FROM t) AS keys,
            ((min(days) FILTER (WHERE seen > div(total - 1, 2)) + min(days) FILTER (WHERE seen > div(total, 2))) / 2.0)::float8 AS median
       FROM c`,
    [range.from, `${range.to}0`],
  );
  if (row.rows > ROWS_PER_KEY_BEFORE_FOLD * row.keys + 16) await foldTally(manager, 'final_days');
  return row.median === null ? null : Number(row.median);
}

/**
 * Every certification by the status a reader sees today (an ended term reads lapsed): the
 * `certification_status` tally of stored statuses, with the rows whose stored status may not be
 * the one read today moved to their effective status. Those are the certified terms that ended
 * and the suspensions that ran out (effectiveStatusSql's only two cases), each an index range.
 */
export async function certificationsByStatus(manager: EntityManager, today: IsoDate): Promise<Map<string, number>> {
  const [stored, moved] = await Promise.all([
    readTally(manager, 'certification_status'),
    manager.query<{ status: string; effective: string; n: number }[]>(
      `SELECT status, effective, count(*)::int AS n
         FROM (SELECT c.status, ${effectiveStatusSql('c', '$1::date')} AS effective FROM certification c
                WHERE c.status = 'certified' AND c.expires_on <= $1::date
               UNION ALL
               SELECT c.status, ${effectiveStatusSql('c', '$1::date')} FROM certification c
                WHERE c.status = 'suspended' AND c.suspension_ends_on <= $1::date) AS m
        GROUP BY 1, 2`,
      [today],
    ),
  ]);
  const counts = new Map(stored);
  for (const row of moved) {
    counts.set(row.status, (counts.get(row.status) ?? 0) - row.n);
    counts.set(row.effective, (counts.get(row.effective) ?? 0) + row.n);
  }
  return counts;
}

/**
 * Checks per month: how many, how many found someone, how many found someone not hireable. The
 * `hiring_check` tally (migration 1767000100000) counts checks per UTC day and outcome; a UTC day
 * wholly inside one month of the registry's time zone and inside the range is summed from it, and
 * the checks of the other days (a local month's first midnight, the range's ends: a few per month)
 * are counted from hiring_check itself, so the months are exact in any time zone.
 */
export async function hiringChecksByMonth(
  manager: EntityManager,
  range: StatsRange,
): Promise<{ month: string; checks: number; matches: number; not_hireable: number }[]> {
  const [rows, shape] = await Promise.all([
    manager.query<{ month: string; checks: number; matches: number; not_hireable: number }[]>(
      `WITH b AS (SELECT ($1::date)::timestamp AT TIME ZONE $3::text AS s, ($2::date + 1)::timestamp AT TIME ZONE $3::text AS e),
            days AS (SELECT g::date AS day, g AT TIME ZONE 'UTC' AS t0, (g + interval '1 day') AT TIME ZONE 'UTC' AS t1
                       FROM generate_series(($1::date - 1)::timestamp, ($2::date + 1)::timestamp, interval '1 day') AS g),
            sorted AS (SELECT d.*, b.s, b.e, d.t0 >= b.s AND d.t1 <= b.e
                              AND date_trunc('month', d.t0 AT TIME ZONE $3::text) = date_trunc('month', (d.t1 - interval '1 microsecond') AT TIME ZONE $3::text) AS whole
                         FROM days d, b),
            counted AS (
              SELECT date_trunc('month', d.t0 AT TIME ZONE $3::text) AS month, t.n,
                     substring(t.key, 12, 1) = '1' AS matched, substring(t.key, 13, 1) = '1' AS not_hireable
                FROM registry_tally t JOIN sorted d ON d.whole AND to_char(d.day, 'YYYY-MM-DD') = substring(t.key, 1, 10)
               WHERE t.tally = 'hiring_check' AND t.key >= to_char($1::date - 1, 'YYYY-MM-DD') AND t.key < to_char($2::date + 2, 'YYYY-MM-DD')
              UNION ALL
              SELECT date_trunc('month', h.checked_at AT TIME ZONE $3::text), 1,
                     cardinality(h.matched_officer_ids) > 0, h.answer -> 'matches' @> '[{"hireable": false}]'
                FROM sorted d JOIN hiring_check h ON h.checked_at >= greatest(d.t0, d.s) AND h.checked_at < least(d.t1, d.e)
               WHERE NOT d.whole AND d.t1 > d.s AND d.t0 < d.e)
       SELECT to_char(month, 'YYYY-MM') AS month, sum(n)::int AS checks,
              coalesce(sum(n) FILTER (WHERE matched), 0)::int AS matches, coalesce(sum(n) FILTER (WHERE not_hireable), 0)::int AS not_hireable
         FROM counted GROUP BY month HAVING sum(n) <> 0`,
      [range.from, range.to, range.timeZone],
    ),
    manager.query<{ rows: number; keys: number }[]>(
      `SELECT count(*)::int AS rows, count(DISTINCT key)::int AS keys FROM registry_tally WHERE tally = 'hiring_check'`,
    ),
  ]);
  if (shape[0].rows > ROWS_PER_KEY_BEFORE_FOLD * shape[0].keys + 16) await foldTally(manager, 'hiring_check');
  return rows;
}

/**
 * Officers with two or more separations under investigation (555 CMR 12.03): the "wandering
 * officer" who resigns ahead of each finding. Most first; every one of them, never cut (a finding
 * must follow the officer): the partial index on `n >= 2` keeps this to the few it lists
 * (800 of 1,000,000 officers in bench:workspace).
 */
export async function wanderingOfficers(
  manager: EntityManager,
): Promise<{ post_id: string; first_name: string; middle_name: string | null; last_name: string; suffix: string | null; n: number }[]> {
  return manager.query(
    // The officer of each (a few hundred) by its primary key: a join let the planner hash all million officers.
    // investigated_separation_tally (migration 1767000100000): a count per officer kept by triggers on employment; n >= 2 is its partial index.
    `SELECT o.post_id, o.first_name, o.middle_name, o.last_name, o.suffix, w.n
       FROM (SELECT officer_id, n FROM investigated_separation_tally WHERE n >= 2) AS w
      CROSS JOIN LATERAL (SELECT post_id, first_name, middle_name, last_name, suffix FROM officer WHERE id = w.officer_id LIMIT 1) AS o
      ORDER BY w.n DESC, o.post_id`,
  );
}
