import type { EntityManager } from 'typeorm';
import type { ImportedEmployment } from './officer-import.store';

/**
 * Every employment of these (officer, agency) pairs, in one statement, for an import chunk
 * (issue 18): the employment's natural key (officer, agency, start date) tells whether a row was
 * recorded before (compared field by field, as training compares its completions), and the open
 * ones are what `employment_one_open_per_agency` allows once. An officer has a handful of
 * employments per agency, so this reads few rows; it replaces an `import_source` lookup and
 * write per row.
 */
export async function employmentsOfPairs(manager: EntityManager, pairs: readonly { officerId: string; agencyId: string }[]): Promise<ImportedEmployment[]> {
  if (pairs.length === 0) return [];
  const unique = [...new Map(pairs.map((p) => [`${p.officerId}|${p.agencyId}`, p])).values()];
  const rows = await manager.query<
    {
      officer_id: string;
      agency_id: string;
      position: string;
      start_date: string;
      end_date: string | null;
      separation_nature: string | null;
      separation_reason: string | null;
      under_investigation: boolean | null;
    }[]
  >(
    `SELECT e.officer_id, e.agency_id, e.position, to_char(e.start_date, 'YYYY-MM-DD') AS start_date, to_char(e.end_date, 'YYYY-MM-DD') AS end_date,
            e.separation_nature, e.separation_reason, e.under_investigation
       FROM employment e
       JOIN unnest($1::uuid[], $2::uuid[]) AS p(officer_id, agency_id) ON p.officer_id = e.officer_id AND p.agency_id = e.agency_id`,
    [unique.map((p) => p.officerId), unique.map((p) => p.agencyId)],
  );
  return rows.map((r) => ({
    officerId: r.officer_id,
    agencyId: r.agency_id,
    position: r.position,
    startDate: r.start_date,
    endDate: r.end_date,
    separationNature: r.separation_nature,
    separationReason: r.separation_reason,
    underInvestigation: r.under_investigation,
  }));
}
