import type { EntityManager } from 'typeorm';
import { effectiveStatusSql } from '@app/certification';
import type { IsoDate } from '@app/core';
import { medianOfHistogram } from '../domain/stats';

/** Months are calendar months of the registry's time zone, `YYYY-MM`; `from`/`to` inclusive days. */
export interface StatsRange {
  from: IsoDate;
  to: IsoDate;
  today: IsoDate;
  timeZone: string;
}

/** The tallies of registry_tally (migration 1767000050100), kept by triggers on the tables they count. */
type Tally = 'certification_status' | 'case_status' | 'decision' | 'final_days';

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
  const histogram = await readTally(manager, 'final_days', { from: range.from, to: `${range.to}0` });
  const counts = new Map<number, number>();
  for (const [key, n] of histogram) counts.set(Number(key.slice(11)), (counts.get(Number(key.slice(11))) ?? 0) + n);
  return medianOfHistogram(counts);
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

/** Checks per month: how many, how many found someone, how many found someone not hireable. */
export async function hiringChecksByMonth(
  manager: EntityManager,
  range: StatsRange,
): Promise<{ month: string; checks: number; matches: number; not_hireable: number }[]> {
  // Grouped by date_trunc and named once per month: to_char on each of 20,000 rows cost ~4 times the rest of the query.
  return manager.query(
    `SELECT to_char(m.month, 'YYYY-MM') AS month, m.checks, m.matches, m.not_hireable
       FROM (SELECT date_trunc('month', checked_at AT TIME ZONE $3::text) AS month, count(*)::int AS checks,
                    count(*) FILTER (WHERE cardinality(matched_officer_ids) > 0)::int AS matches,
                    count(*) FILTER (WHERE answer -> 'matches' @> '[{"hireable": false}]')::int AS not_hireable
               FROM hiring_check
              WHERE checked_at >= ($1::date)::timestamp AT TIME ZONE $3::text AND checked_at < ($2::date + 1)::timestamp AT TIME ZONE $3::text
              GROUP BY 1) AS m`,
    [range.from, range.to, range.timeZone],
  );
}

/**
 * Officers with two or more separations under investigation (555 CMR 12.03): the "wandering
 * officer" who resigns ahead of each finding. Most first; at most `limit`.
 */
export async function wanderingOfficers(
  manager: EntityManager,
  limit: number,
): Promise<{ post_id: string; first_name: string; middle_name: string | null; last_name: string; suffix: string | null; n: number }[]> {
  return manager.query(
    // The officer of each (a few hundred) by its primary key: a join let the planner hash all million officers.
    `SELECT o.post_id, o.first_name, o.middle_name, o.last_name, o.suffix, w.n
       FROM (SELECT officer_id, count(*)::int AS n FROM employment WHERE under_investigation GROUP BY officer_id HAVING count(*) >= 2) AS w
      CROSS JOIN LATERAL (SELECT post_id, first_name, middle_name, last_name, suffix FROM officer WHERE id = w.officer_id LIMIT 1) AS o
      ORDER BY w.n DESC, o.post_id
      LIMIT $1`,
    [limit],
  );
}
