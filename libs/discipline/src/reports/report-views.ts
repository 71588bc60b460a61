import { EntityManager } from 'typeorm';
import { AgencyFinding, MisconductCategory } from '../domain';

export interface ReportVersionView {
  version: number;
  incidentDate: string;
  categories: MisconductCategory[];
  summary: string;
  agencyFinding: AgencyFinding;
  discipline: string | null;
  /** Why the agency amended the report; null on the first version. */
  amendmentReason: string | null;
  recordedAt: string;
}

/** A report as its agency and the commission read it: the current version on top, plain JSON (replayable). */
export interface MisconductReportView extends Omit<ReportVersionView, 'amendmentReason' | 'recordedAt'> {
  id: string;
  postId: string;
  agencyId: string;
  receivedOn: string;
  filedOn: string;
  /** Last day a c. 6E §8(b) transmission was on time. */
  dueOn: string;
  late: boolean;
  createdAt: string;
  updatedAt: string;
  /** Every version, oldest first; only on the single-report read. */
  versions?: ReportVersionView[];
  /** The officer disputes the report (an open dispute); set by the reads that show it. */
  disputed?: boolean;
}

interface ReportRow {
  id: string;
  post_id: string;
  agency_id: string;
  received_on: string;
  filed_on: string;
  due_on: string;
  late: boolean;
  created_at: Date;
  version: number;
  incident_date: string;
  categories: MisconductCategory[];
  summary: string;
  agency_finding: AgencyFinding;
  discipline: string | null;
  recorded_at: Date;
}

const REPORT_SELECT = `
  SELECT r.id, o.post_id, r.agency_id, r.received_on, r.filed_on, r.due_on, r.late, r.created_at,
         v.version, v.incident_date, v.categories, v.summary, v.agency_finding, v.discipline, v.recorded_at
    FROM misconduct_report r
    JOIN officer o ON o.id = r.officer_id
    JOIN misconduct_report_version v ON v.report_id = r.id AND v.version = r.current_version`;

/** Filters are the caller's scope: `agencyId` null only for the commission, which sees every report. */
export interface ReportFilter {
  agencyId: string | null;
  postId?: string;
  /** The reports about one officer (the officer's own record). */
  officerId?: string;
  after?: { at: string; id: string };
  limit: number;
}

export async function findReports(manager: EntityManager, filter: ReportFilter): Promise<MisconductReportView[]> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => `$${params.push(value)}`;
  if (filter.agencyId !== null) conditions.push(`r.agency_id = ${param(filter.agencyId)}`);
  if (filter.postId) conditions.push(`o.post_id = ${param(filter.postId)}`);
  if (filter.officerId) conditions.push(`r.officer_id = ${param(filter.officerId)}`);
  if (filter.after) conditions.push(`(r.created_at, r.id) < (${param(filter.after.at)}::timestamptz, ${param(filter.after.id)}::uuid)`);
  const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
  const rows = await manager.query<ReportRow[]>(`${REPORT_SELECT} ${where} ORDER BY r.created_at DESC, r.id DESC LIMIT ${param(filter.limit)}`, params);
  return rows.map(toView);
}

/** The report if the scope may see it (its agency, or the commission with `agencyId` null). */
export async function findReport(manager: EntityManager, id: string, agencyId: string | null): Promise<MisconductReportView | null> {
  const rows = await manager.query<ReportRow[]>(`${REPORT_SELECT} WHERE r.id = $1 AND ($2::uuid IS NULL OR r.agency_id = $2)`, [id, agencyId]);
  return rows[0] ? toView(rows[0]) : null;
}

export async function findReportVersions(manager: EntityManager, reportId: string): Promise<ReportVersionView[]> {
  const rows = await manager.query<
    (Omit<ReportRow, 'id' | 'post_id' | 'agency_id' | 'received_on' | 'filed_on' | 'due_on' | 'late' | 'created_at'> & {
      amendment_reason: string | null;
    })[]
  >(
    `SELECT version, incident_date, categories, summary, agency_finding, discipline, amendment_reason, recorded_at
       FROM misconduct_report_version WHERE report_id = $1 ORDER BY version`,
    [reportId],
  );
  return rows.map((row) => ({
    version: row.version,
    incidentDate: row.incident_date,
    categories: row.categories,
    summary: row.summary,
    agencyFinding: row.agency_finding,
    discipline: row.discipline,
    amendmentReason: row.amendment_reason,
    recordedAt: row.recorded_at.toISOString(),
  }));
}

function toView(row: ReportRow): MisconductReportView {
  return {
    id: row.id,
    postId: row.post_id,
    agencyId: row.agency_id,
    version: row.version,
    incidentDate: row.incident_date,
    receivedOn: row.received_on,
    filedOn: row.filed_on,
    dueOn: row.due_on,
    late: row.late,
    categories: row.categories,
    summary: row.summary,
    agencyFinding: row.agency_finding,
    discipline: row.discipline,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.recorded_at.toISOString(),
  };
}
