import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl } from '@app/audit';
import { Actor, Clock } from '@app/core';
import { DataSource } from 'typeorm';
import { CaseCommandOf } from './domain';
import { CasesService } from './cases/cases.service';
import { OfficerCaseView, toOfficerCaseView } from './cases/case-views';
import { DisciplineConfig } from './discipline-config';
import { ownRecordAccess } from './discipline.policy';
import { caseTimelines, findCase, findCases } from './persistence/case.queries';
import { findReports, MisconductReportView } from './reports/report-views';
import { ReportsService } from './reports/reports.service';

/** Every report about one officer fits one read: agencies file a handful over a career. */
const OWN_RECORD_LIMIT = 1000;

/**
 * The discipline part of an officer's own record (API.md "Officers' own accounts"): the
 * misconduct reports about the officer (the agency's text and finding) and the officer's cases
 * with their timelines; and the officer's answer to a notice. Scoped by the account's officer
 * (ownRecordAccess); the portal audits the read of the whole record once.
 */
@Injectable()
export class DisciplineOwnRecordService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessControl,
    private readonly cases: CasesService,
    private readonly reports: ReportsService,
    private readonly config: DisciplineConfig,
    private readonly clock: Clock,
  ) {}

  async reportsAboutMe(actor: Actor): Promise<MisconductReportView[]> {
    const { officerId } = await this.access.require(actor, { action: 'misconduct_report.list', entityType: 'misconduct_report' }, ownRecordAccess(actor));
    return this.reports.withDisputeMarks(await findReports(this.dataSource.manager, { agencyId: null, officerId, limit: OWN_RECORD_LIMIT }));
  }

  async myCases(actor: Actor): Promise<OfficerCaseView[]> {
    const { officerId } = await this.access.require(actor, { action: 'case.list', entityType: 'case' }, ownRecordAccess(actor));
    const manager = this.dataSource.manager;
    const rows = await findCases(manager, { officerId, limit: OWN_RECORD_LIMIT });
    const timelines = await caseTimelines(
      manager,
      rows.map((row) => row.entity.id),
    );
    const today = this.clock.today();
    return rows.map((row) => toOfficerCaseView(row, today, this.config.caseClocks, timelines.get(row.entity.id) ?? []));
  }

  /** `POST /me/cases/:id/response`: the answer, then the case as the officer reads it. */
  async respond(actor: Actor, caseId: string, answer: Omit<CaseCommandOf<'record_response'>, 'action'>): Promise<OfficerCaseView> {
    await this.cases.respondAsOfficer(actor, caseId, answer);
    const manager = this.dataSource.manager;
    const row = (await findCase(manager, caseId))!;
    const timelines = await caseTimelines(manager, [caseId]);
    return toOfficerCaseView(row, this.clock.today(), this.config.caseClocks, timelines.get(caseId) ?? []);
  }
}
