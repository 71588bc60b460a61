import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { anyOfArrayParameter, lineageSql, preparedQuery } from '@app/database';
import type { Actor, IsoDate } from '@app/core';
import { caseReferenceDisclosed, caseReferenceReader } from './discipline.policy';
import { DataSource, EntityManager } from 'typeorm';
import {
  CASE_STATUSES,
  CaseState,
  CaseStatus,
  FinalAction,
  finalActionOf,
  isCaseOpen,
  isPublishedDecisionPending,
  PUBLISHED_SANCTION_CODES,
  sustainedFindingsOf,
} from './domain';
import type { StoredCaseState } from './persistence/case.entity';

/** What hiring checks and the public record need to know about an officer's discipline. */
export interface DisciplineFacts {
  /** Cases not yet closed, a decision awaiting finality included (hiring `open_case` warning: a count only). */
  openCases: number;
  /** Agency-sustained report findings (current version) plus sustained findings of final cases. */
  sustainedFindings: number;
  /** Final suspensions, revocations and retraining orders (c. 6E §13), oldest first. */
  finalActions: FinalAction[];
  /** A decided or appealed case whose order will be published once final (suspension, revocation, retraining): the public status reads `under_review`. */
  pendingDecision: boolean;
  /**
   * Imported revocations decided by another state (c. 6E §4(d): not hireable, reason
   * `revoked_in_other_jurisdiction`); restricted: the other state's to publish.
   */
  revokedInOtherJurisdiction: { jurisdiction: string; effectiveOn: IsoDate }[];
}

/** Read model for other contexts (hiring, public); no audit: callers audit their own reads. */
@Injectable()
export class DisciplineFactsService {
  /**
   * Grounds are reference data written only by migrations (the service role may not change
   * them), so one read per process is enough: a hiring check saves a query per call.
   */
  private groundCategoriesOnce?: Promise<Map<string, string>>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Facts for every requested officer (zeros for an officer with none). Pass a manager to read inside a transaction. */
  async factsFor(officerIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, DisciplineFacts>> {
    const ids = [...new Set(officerIds)];
    const facts = new Map<string, DisciplineFacts>(
      ids.map((id) => [id, { openCases: 0, sustainedFindings: 0, finalActions: [], pendingDecision: false, revokedInOtherJurisdiction: [] }]),
    );
    if (ids.length === 0) return facts;

    // One after the other: inside a transaction they share one connection (pg refuses overlapping queries there).
    const cases = await preparedQuery<{ officer_id: string; case_number: string; status: CaseStatus; state: StoredCaseState }>(
      manager,
      'discipline-cases-of-officers',
      `SELECT officer_id, case_number, status, state FROM commission_case WHERE officer_id = ${anyOfArrayParameter(1, 'uuid')} ORDER BY opened_at, id`,
      [ids],
    );
    const sustainedReports = await preparedQuery<{ officer_id: string; sustained: number }>(
      manager,
      'discipline-sustained-reports-of-officers',
      `SELECT r.officer_id, count(*)::int AS sustained
         FROM misconduct_report r
         JOIN misconduct_report_version v ON v.report_id = r.id AND v.version = r.current_version
        WHERE r.officer_id = ${anyOfArrayParameter(1, 'uuid')} AND v.agency_finding = 'sustained'
        GROUP BY r.officer_id`,
      [ids],
    );
    const imported = await preparedQuery<ImportedActionRow & { officer_id: string }>(
      manager,
      'discipline-imported-actions-of-officers',
      // Imported actions are append-only and stay on the record they were imported for: a merged record's read as its survivor's.
      `SELECT l.survivor AS officer_id, ${IMPORTED_ACTION_COLUMNS}
         FROM unnest((SELECT $1::uuid[])) AS l(survivor) JOIN imported_final_action f ON f.officer_id = ANY(officer_lineage(l.survivor))`,
      [ids],
    );
    const categoryOf = await this.categoryLookup(manager);
    for (const row of sustainedReports) facts.get(row.officer_id)!.sustainedFindings += row.sustained;
    for (const row of cases) addCase(facts.get(row.officer_id)!, row, categoryOf);
    for (const row of imported) addImportedAction(facts.get(row.officer_id)!, row);
    for (const officer of facts.values()) officer.finalActions.sort(byEffectiveDate);
    return facts;
  }

  /**
   * The number of each case by id (API.md `caseNumber`) that `reader` may see named
   * (caseReferenceDisclosed), for whoever shows a record that names cases by id: a refused
   * hire's reasons, the certification history (libs/certification cannot ask: it is this context
   * that depends on it). A case left out is not to be named at all, neither by number nor by id.
   * Pass a manager to read inside a transaction.
   */
  async caseNumbersFor(reader: Actor, caseIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    const ids = [...new Set(caseIds)];
    if (ids.length === 0) return new Map();
    const rows = await preparedQuery<{ id: string; case_number: string; status: CaseStatus }>(
      manager,
      'discipline-case-numbers',
      `SELECT id, case_number, status FROM commission_case WHERE id = ${anyOfArrayParameter(1, 'uuid')}`,
      [ids],
    );
    const as = caseReferenceReader(reader);
    return new Map(rows.filter((row) => caseReferenceDisclosed(as, row.status)).map((row) => [row.id, row.case_number]));
  }

  /**
   * One officer's facts from a `disciplineSnapshotSql` value another context selected in its
   * own statement (one round trip), with the numbers of the officer's cases an agency may see
   * named (caseReferenceDisclosed): the snapshot answers agencies' hiring checks.
   */
  async factsFromSnapshot(snapshot: unknown): Promise<{ facts: DisciplineFacts; caseNumbers: Map<string, string> }> {
    const { cases, sustained } = (snapshot ?? { cases: [], sustained: 0 }) as DisciplineSnapshot;
    const facts: DisciplineFacts = { openCases: 0, sustainedFindings: sustained, finalActions: [], pendingDecision: false, revokedInOtherJurisdiction: [] };
    const categoryOf = await this.categoryLookup();
    const commissionCases: (CaseRow & { id: string })[] = [];
    for (const row of cases) {
      if ('imported' in row) addImportedAction(facts, row);
      else {
        addCase(facts, row, categoryOf);
        commissionCases.push(row);
      }
    }
    facts.finalActions.sort(byEffectiveDate);
    const named = commissionCases.filter((row) => caseReferenceDisclosed('agency', row.status));
    return { facts, caseNumbers: new Map(named.map((row) => [row.id, row.case_number])) };
  }

  /**
   * The final actions and whether a decision awaits finality, from a `casesSnapshotSql` value:
   * the public record's part, without the report findings the public never sees.
   */
  async publicFactsFromCasesSnapshot(cases: unknown): Promise<Pick<DisciplineFacts, 'finalActions' | 'pendingDecision'>> {
    const { facts } = await this.factsFromSnapshot({ cases: cases ?? [], sustained: 0 });
    return { finalActions: facts.finalActions, pendingDecision: facts.pendingDecision };
  }

  /**
   * What was recorded against the officer after `since`, for the hire guard: cases opened since
   * and still open, and agency findings sustained since (a report's current version). A check
   * made before them did not show them, even when a count it showed is unchanged (one case
   * dismissed, another opened).
   */
  /** Imported out-of-state revocations of the officer, read inside the caller's transaction (the hire guard). */
  async revokedInOtherJurisdiction(manager: EntityManager, officerId: string): Promise<DisciplineFacts['revokedInOtherJurisdiction']> {
    const rows = await manager.query<{ jurisdiction: string; effective_on: string }[]>(
      `SELECT jurisdiction, to_char(effective_on, 'YYYY-MM-DD') AS effective_on FROM imported_final_action
        WHERE officer_id = ANY(officer_lineage($1)) AND out_of_state AND type = 'revocation' ORDER BY effective_on`,
      [officerId],
    );
    return rows.map((row) => ({ jurisdiction: row.jurisdiction, effectiveOn: row.effective_on }));
  }

  async recordedSince(manager: EntityManager, officerId: string, since: Date): Promise<{ casesOpened: number; findingsSustained: number }> {
    const [row] = await manager.query<{ cases_opened: number; findings_sustained: number }[]>(
      `SELECT (SELECT count(*)::int FROM commission_case k WHERE k.officer_id = $1 AND k.opened_at > $2 AND k.status = ANY($3::text[])) AS cases_opened,
              (SELECT count(*)::int FROM misconduct_report r
                 JOIN misconduct_report_version v ON v.report_id = r.id AND v.version = r.current_version
                WHERE r.officer_id = $1 AND v.agency_finding = 'sustained' AND v.recorded_at > $2) AS findings_sustained`,
      [officerId, since, OPEN_CASE_STATUSES],
    );
    return { casesOpened: row.cases_opened, findingsSustained: row.findings_sustained };
  }

  private async categoryLookup(manager: EntityManager = this.dataSource.manager): Promise<(code: string) => string> {
    const categoryByCode = await this.groundCategories(manager);
    return (code) => categoryByCode.get(code) ?? 'other';
  }

  private groundCategories(manager: EntityManager): Promise<Map<string, string>> {
    this.groundCategoriesOnce ??= manager
      .query<{ code: string; category: string }[]>(`SELECT code, category FROM ground`)
      .then((rows) => new Map(rows.map((row) => [row.code, row.category])));
    // A failed read is not cached: the next call tries again.
    this.groundCategoriesOnce.catch(() => (this.groundCategoriesOnce = undefined));
    return this.groundCategoriesOnce;
  }
}

const OPEN_CASE_STATUSES = CASE_STATUSES.filter(isCaseOpen);

interface CaseRow {
  case_number: string;
  status: CaseStatus;
  state: StoredCaseState;
}

/** A final action imported from the system the registry replaced (DOMAIN.md "Onboarding"), as the snapshots carry it. */
interface ImportedActionRow {
  imported: true;
  type: FinalAction['type'];
  effective_on: IsoDate;
  ends_on: IsoDate | null;
  jurisdiction: string;
  out_of_state: boolean;
  ground_category: string | null;
  case_reference: string;
}

const IMPORTED_ACTION_COLUMNS = `true AS imported, f.type, to_char(f.effective_on, 'YYYY-MM-DD') AS effective_on, to_char(f.ends_on, 'YYYY-MM-DD') AS ends_on,
  f.jurisdiction, f.out_of_state, f.ground_category, f.case_reference`;

interface DisciplineSnapshot {
  cases: ((CaseRow & { id: string }) | ImportedActionRow)[];
  sustained: number;
}

/**
 * An imported in-state order is published like one decided here (c. 6E §13); an out-of-state
 * revocation only bars hiring and stays restricted (it is the other state's to publish).
 */
function addImportedAction(officer: DisciplineFacts, row: ImportedActionRow): void {
  if (row.out_of_state) {
    if (row.type === 'revocation') officer.revokedInOtherJurisdiction.push({ jurisdiction: row.jurisdiction, effectiveOn: row.effective_on });
    return;
  }
  officer.finalActions.push({
    type: row.type,
    effectiveOn: row.effective_on,
    endsOn: row.ends_on,
    groundCategory: row.ground_category ?? 'other',
    caseNumber: row.case_reference,
  });
}

/**
 * Whether the officer `officerIdSql` (a column reference of the enclosing statement, never
 * input) has a final order the public sees (revocation, suspension, retraining; c. 6E §13):
 * the SQL of what `finalActionOf` publishes, for another context's WHERE clause. A reprimand,
 * "no action" or a reversed decision is not one: its case stays restricted.
 */
export const publishedFinalActionExistsSql = (officerIdSql: string) =>
  `(EXISTS (SELECT 1 FROM commission_case k WHERE k.officer_id = ${officerIdSql} AND k.status = 'final'
              AND k.state->'decision'->>'sanction' IN (${PUBLISHED_SANCTION_CODES.map((code) => `'${code}'`).join(', ')}))
    OR EXISTS (SELECT 1 FROM imported_final_action f WHERE f.officer_id = ANY(officer_lineage(${officerIdSql})) AND NOT f.out_of_state))`;

/**
 * Whether the officer `officerIdSql` (a column reference of the enclosing statement, never input)
 * has an imported out-of-state revocation: not hireable whatever the certification here says
 * (c. 6E §4(d); `revoked_in_other_jurisdiction` in the hiring answer), for another context's list.
 */
export const revokedInOtherJurisdictionSql = (officerIdSql: string) =>
  `EXISTS (SELECT 1 FROM imported_final_action f WHERE f.officer_id = ${officerIdSql} AND f.out_of_state AND f.type = 'revocation')`;

/**
 * One officer's cases, oldest first, then the final actions imported for the officer, as one
 * JSON array: all the public record needs of discipline.
 */
export const casesSnapshotSql = (officerIdSql: string) =>
  `(coalesce((SELECT jsonb_agg(jsonb_build_object('id', k.id, 'case_number', k.case_number, 'status', k.status, 'state', k.state) ORDER BY k.opened_at, k.id)
              FROM commission_case k WHERE k.officer_id = ${officerIdSql}), '[]'::jsonb)
    || coalesce((SELECT jsonb_agg(to_jsonb(x) ORDER BY x.effective_on) FROM (SELECT ${IMPORTED_ACTION_COLUMNS}
              FROM imported_final_action f WHERE f.officer_id = ANY(${lineageSql(officerIdSql)})) x), '[]'::jsonb))::json`;

/**
 * One officer's cases (oldest first) and the count of agency-sustained report findings, as
 * one JSON value: the same reads as `factsFor`, for another context to select alongside its
 * own columns. `officerIdSql` is a column reference of the enclosing statement, never input.
 */
export const disciplineSnapshotSql = (officerIdSql: string) => `json_build_object(
  'cases', ${casesSnapshotSql(officerIdSql)},
  'sustained', (SELECT count(*)::int FROM misconduct_report r
                  JOIN misconduct_report_version v ON v.report_id = r.id AND v.version = r.current_version
                 WHERE r.officer_id = ${officerIdSql} AND v.agency_finding = 'sustained'))`;

function addCase(officer: DisciplineFacts, row: CaseRow, categoryOf: (code: string) => string): void {
  const state: Pick<CaseState, 'status' | 'decision' | 'appeal' | 'grounds'> = { ...row.state, status: row.status };
  if (isCaseOpen(row.status)) officer.openCases += 1;
  if (isPublishedDecisionPending(state)) officer.pendingDecision = true;
  officer.sustainedFindings += sustainedFindingsOf(state);
  const action = finalActionOf(state, row.case_number, categoryOf);
  if (action) officer.finalActions.push(action);
}

const byEffectiveDate = (a: FinalAction, b: FinalAction) => a.effectiveOn.localeCompare(b.effectiveOn);
