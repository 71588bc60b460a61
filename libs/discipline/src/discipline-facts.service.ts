import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CaseState, CaseStatus, FinalAction, finalActionOf, isCaseOpen, isDecisionPending, sustainedFindingsOf } from './domain';
import type { StoredCaseState } from './persistence/case.entity';

/** What hiring checks and the public record need to know about an officer's discipline. */
export interface DisciplineFacts {
  /** Cases not yet closed, a decision awaiting finality included (hiring `open_case` warning: a count only). */
  openCases: number;
  /** Agency-sustained report findings (current version) plus sustained findings of final cases. */
  sustainedFindings: number;
  /** Final suspensions, revocations and retraining orders (c. 6E §13), oldest first. */
  finalActions: FinalAction[];
  /** A decided or appealed case not yet final: the public status reads `under_review`. */
  pendingDecision: boolean;
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
      ids.map((id) => [id, { openCases: 0, sustainedFindings: 0, finalActions: [], pendingDecision: false }]),
    );
    if (ids.length === 0) return facts;

    // One after the other: inside a transaction they share one connection (pg refuses overlapping queries there).
    const cases = (await manager.query(
      `SELECT officer_id, case_number, status, state FROM commission_case WHERE officer_id = ANY($1) ORDER BY opened_at, id`,
      [ids],
    )) as { officer_id: string; case_number: string; status: CaseStatus; state: StoredCaseState }[];
    const sustainedReports = (await manager.query(
      `SELECT r.officer_id, count(*)::int AS sustained
         FROM misconduct_report r
         JOIN misconduct_report_version v ON v.report_id = r.id AND v.version = r.current_version
        WHERE r.officer_id = ANY($1) AND v.agency_finding = 'sustained'
        GROUP BY r.officer_id`,
      [ids],
    )) as { officer_id: string; sustained: number }[];
    const categoryByCode = await this.groundCategories(manager);
    const categoryOf = (code: string) => categoryByCode.get(code) ?? 'other';

    for (const row of sustainedReports) facts.get(row.officer_id)!.sustainedFindings += row.sustained;
    for (const row of cases) {
      const officer = facts.get(row.officer_id)!;
      const state: Pick<CaseState, 'status' | 'decision' | 'appeal' | 'grounds'> = { ...row.state, status: row.status };
      if (isCaseOpen(row.status)) officer.openCases += 1;
      if (isDecisionPending(row.status)) officer.pendingDecision = true;
      officer.sustainedFindings += sustainedFindingsOf(state);
      const action = finalActionOf(state, row.case_number, categoryOf);
      if (action) officer.finalActions.push(action);
    }
    for (const officer of facts.values()) officer.finalActions.sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn));
    return facts;
  }

  private groundCategories(manager: EntityManager): Promise<Map<string, string>> {
    this.groundCategoriesOnce ??= (manager.query(`SELECT code, category FROM ground`) as Promise<{ code: string; category: string }[]>).then(
      (rows) => new Map(rows.map((row) => [row.code, row.category])),
    );
    // A failed read is not cached: the next call tries again.
    this.groundCategoriesOnce.catch(() => (this.groundCategoriesOnce = undefined));
    return this.groundCategoriesOnce;
  }
}
