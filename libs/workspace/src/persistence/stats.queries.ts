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

/** Every case by its status now: the pipeline. */
export async function casesByStatus(manager: EntityManager): Promise<Map<string, number>> {
  const rows = await manager.query<{ status: string; n: number }[]>(`SELECT status, count(*)::int AS n FROM commission_case GROUP BY status`);
  return new Map(rows.map((r) => [r.status, r.n]));
}

/** Decisions (`decide`) by the month they were made and their sanction. */
export async function decisionsByMonth(manager: EntityManager, range: StatsRange): Promise<{ month: string; sanction: string; n: number }[]> {
  return manager.query(
    `SELECT to_char(occurred_on, 'YYYY-MM') AS month, payload ->> 'sanction' AS sanction, count(*)::int AS n
       FROM case_event
      WHERE action = 'decide' AND occurred_on BETWEEN $1::date AND $2::date
      GROUP BY 1, 2`,
    [range.from, range.to],
  );
}

/**
 * Median days from the earliest report a case was opened on (the day the agency filed it with the
 * registry) to the day the decision became final, over cases that became final within the range.
 */
export async function medianDaysReportToFinal(manager: EntityManager, range: StatsRange): Promise<number | null> {
  const [row] = await manager.query<{ median: string | null }[]>(
    `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY f.occurred_on - first_report.filed_on) AS median
       FROM case_event f
      CROSS JOIN LATERAL (SELECT min(r.filed_on) AS filed_on FROM case_report cr JOIN misconduct_report r ON r.id = cr.report_id
                           WHERE cr.case_id = f.case_id) AS first_report
      WHERE f.action IN ('finalize', 'resolve_appeal') AND f.to_status = 'final'
        AND f.occurred_on BETWEEN $1::date AND $2::date AND first_report.filed_on IS NOT NULL`,
    [range.from, range.to],
  );
  return row.median === null ? null : Number(row.median);
}

/** Every certification by the status a reader sees today (an ended term reads lapsed). */
export async function certificationsByStatus(manager: EntityManager, today: IsoDate): Promise<Map<string, number>> {
  const rows = await manager.query<{ status: string; n: number }[]>(
    `SELECT ${effectiveStatusSql('c', '$1::date')} AS status, count(*)::int AS n FROM certification c GROUP BY 1`,
    [today],
  );
  return new Map(rows.map((r) => [r.status, r.n]));
}

/** Checks per month: how many, how many found someone, how many found someone not hireable. */
export async function hiringChecksByMonth(
  manager: EntityManager,
  range: StatsRange,
): Promise<{ month: string; checks: number; matches: number; not_hireable: number }[]> {
  return manager.query(
    `SELECT to_char(checked_at AT TIME ZONE $3::text, 'YYYY-MM') AS month, count(*)::int AS checks,
            count(*) FILTER (WHERE cardinality(matched_officer_ids) > 0)::int AS matches,
            count(*) FILTER (WHERE answer -> 'matches' @> '[{"hireable": false}]')::int AS not_hireable
       FROM hiring_check
      WHERE checked_at >= ($1::date)::timestamp AT TIME ZONE $3::text AND checked_at < ($2::date + 1)::timestamp AT TIME ZONE $3::text
      GROUP BY 1`,
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
    `SELECT o.post_id, o.first_name, o.middle_name, o.last_name, o.suffix, w.n
       FROM (SELECT officer_id, count(*)::int AS n FROM employment WHERE under_investigation GROUP BY officer_id HAVING count(*) >= 2) AS w
       JOIN officer o ON o.id = w.officer_id
      ORDER BY w.n DESC, o.post_id
      LIMIT $1`,
    [limit],
  );
}
