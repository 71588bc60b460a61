import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl, AuditService } from '@app/audit';
import { Actor, Clock, IsoDate, Page, timeAndIdKeyset } from '@app/core';
import { withIdempotency } from '@app/database';
import { NoticesService } from '@app/notifications';
import { officerNotFound } from '@app/officers';
import { DisputeMarks } from '@app/disputes';
import { DataSource, EntityManager } from 'typeorm';
import { DisciplineConfig } from '../discipline-config';
import { agencyFilingAccess, reportReadAccess } from '../discipline.policy';
import { AgencyFinding, assessNewReport, checkAmendedReport, MisconductCategory, ReportContent, reportNotFound, reportVersionConflict } from '../domain';
import { MisconductReportEntity, MisconductReportVersionEntity } from '../persistence/misconduct-report.entity';
import { findReport, findReports, findReportVersions, MisconductReportView } from './report-views';

export interface CreateReportCommand {
  postId: string;
  incidentDate: IsoDate;
  /** When the agency received the complaint (c. 6E §8(b)). */
  receivedOn: IsoDate;
  categories: MisconductCategory[];
  summary: string;
  agencyFinding: AgencyFinding;
  discipline?: string | null;
}

/** Fields left out keep their current value; `reason` says why the report changes. */
export interface AmendReportCommand {
  incidentDate?: IsoDate;
  categories?: MisconductCategory[];
  summary?: string;
  agencyFinding?: AgencyFinding;
  discipline?: string | null;
  reason: string;
  /** When given, a report amended meanwhile is refused (409) instead of overwritten unseen. */
  expectedVersion?: number;
}

/** Newest first: (createdAt, id). */
const REPORTS_KEYSET = timeAndIdKeyset();

/**
 * Misconduct reports (DOMAIN.md, c. 6E §8(b)): an agency reports about officers it employs or
 * employed, amends by adding versions, never deletes. The commission reads them all.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessControl,
    private readonly config: DisciplineConfig,
    private readonly clock: Clock,
    private readonly notices: NoticesService,
    private readonly disputes: DisputeMarks,
  ) {}

  async create(actor: Actor, command: CreateReportCommand, idempotencyKey?: string): Promise<MisconductReportView> {
    const attempt = { action: 'misconduct_report.create', entityType: 'officer', details: { postId: command.postId } };
    const { agencyId } = await this.access.require(actor, attempt, agencyFilingAccess(actor));
    const request = { organizationId: agencyId, key: idempotencyKey, method: 'POST', path: '/misconduct-reports', body: command };
    try {
      return await this.dataSource.transaction((manager) => withIdempotency(manager, request, () => this.createIn(manager, actor, agencyId, command)));
    } catch (error) {
      return this.access.refuseIfDenied(actor, attempt, error);
    }
  }

  private async createIn(manager: EntityManager, actor: Actor, agencyId: string, command: CreateReportCommand): Promise<MisconductReportView> {
    const officerId = await this.requireEmployedOfficer(manager, agencyId, command.postId);
    const timeliness = assessNewReport(command, this.clock.today(), this.config.reportDeadline);
    const now = this.clock.now();
    const report = await manager.save(
      manager.create(MisconductReportEntity, {
        agencyId,
        officerId,
        currentVersion: 1,
        ...timeliness,
        createdBy: actor.id,
        createdAt: now,
      }),
    );
    await this.insertVersion(manager, actor, report.id, 1, contentOf(command), null, now);
    await this.audit.record(manager, actor, {
      action: 'misconduct_report.create',
      entityType: 'misconduct_report',
      entityId: report.id,
      details: { postId: command.postId, version: 1, categories: command.categories, agencyFinding: command.agencyFinding, ...timeliness },
    });
    // 555 CMR 12.00: the officer is told of the report, in this transaction (a refused report tells nobody).
    await this.notices.record(manager, actor, {
      officerId,
      kind: 'misconduct_report',
      subject: { type: 'misconduct_report', id: report.id },
      submittedBy: agencyId,
    });
    return this.requireVisible(manager, report.id, agencyId);
  }

  async amend(actor: Actor, reportId: string, command: AmendReportCommand, idempotencyKey?: string): Promise<MisconductReportView> {
    const attempt = { action: 'misconduct_report.amend', entityType: 'misconduct_report', entityId: reportId };
    const { agencyId } = await this.access.require(actor, attempt, agencyFilingAccess(actor));
    const path = `/misconduct-reports/${reportId}/amendments`;
    const request = { organizationId: agencyId, key: idempotencyKey, method: 'POST', path, body: command };
    try {
      return await this.dataSource.transaction((manager) => withIdempotency(manager, request, () => this.amendIn(manager, actor, agencyId, reportId, command)));
    } catch (error) {
      return this.access.refuseIfDenied(actor, attempt, error);
    }
  }

  private async amendIn(manager: EntityManager, actor: Actor, agencyId: string, reportId: string, command: AmendReportCommand): Promise<MisconductReportView> {
    // The agency's own reports only: another agency's report is "not found", not "forbidden".
    const report = await manager.findOne(MisconductReportEntity, {
      where: { id: reportId, agencyId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!report) throw reportNotFound();
    if (command.expectedVersion !== undefined && command.expectedVersion !== report.currentVersion) {
      throw reportVersionConflict(command.expectedVersion, report.currentVersion);
    }
    const current = await manager.findOneByOrFail(MisconductReportVersionEntity, { reportId, version: report.currentVersion });
    const next = amendedContent(current, command);
    checkAmendedReport(next.incidentDate, report.receivedOn, this.clock.today());
    const version = report.currentVersion + 1;
    await this.insertVersion(manager, actor, reportId, version, next, command.reason, this.clock.now());
    await manager.update(MisconductReportEntity, { id: reportId }, { currentVersion: version });
    await this.audit.record(manager, actor, {
      action: 'misconduct_report.amend',
      entityType: 'misconduct_report',
      entityId: reportId,
      details: { version, changedFields: changedFields(current, next) },
    });
    await this.notices.record(manager, actor, {
      officerId: report.officerId,
      kind: 'report_amendment',
      subject: { type: 'misconduct_report', id: reportId },
      submittedBy: agencyId,
      reference: `version ${version}`,
    });
    return this.requireVisible(manager, reportId, agencyId);
  }

  /** The agency's own reports, newest first; the commission sees every agency's. */
  async list(actor: Actor, query: { postId?: string; limit: number; cursor?: string }): Promise<Page<MisconductReportView>> {
    const { agencyId } = await this.access.require(actor, { action: 'misconduct_report.list', entityType: 'misconduct_report' }, reportReadAccess(actor));
    const after = REPORTS_KEYSET.after(query.cursor);
    return this.dataSource.transaction(async (manager) => {
      // An unknown POST ID lists nothing, like an officer the agency never reported on: no existence oracle.
      const page = await REPORTS_KEYSET.page(
        query.limit,
        (limit) => findReports(manager, { agencyId, postId: query.postId, after, limit }),
        (last) => ({ at: last.createdAt, id: last.id }),
      );
      const reports = { items: await this.withDisputeMarks(page.items, manager), nextCursor: page.nextCursor };
      await this.audit.record(manager, actor, {
        action: 'misconduct_report.list',
        entityType: 'misconduct_report',
        details: { postId: query.postId ?? null, count: reports.items.length },
      });
      return reports;
    });
  }

  async get(actor: Actor, reportId: string): Promise<MisconductReportView> {
    const attempt = { action: 'misconduct_report.read', entityType: 'misconduct_report', entityId: reportId };
    const { agencyId } = await this.access.require(actor, attempt, reportReadAccess(actor));
    const view = await this.dataSource.transaction(async (manager) => {
      const found = await findReport(manager, reportId, agencyId);
      if (!found) return null;
      await this.audit.record(manager, actor, { action: 'misconduct_report.read', entityType: 'misconduct_report', entityId: reportId });
      const [marked] = await this.withDisputeMarks([found], manager);
      return { ...marked, versions: await findReportVersions(manager, reportId) };
    });
    return view ?? this.access.refuse(actor, attempt, reportNotFound());
  }

  /** `disputed` on each report of a read: one query for the page (DisputeMarks). */
  async withDisputeMarks(reports: MisconductReportView[], manager: EntityManager = this.dataSource.manager): Promise<MisconductReportView[]> {
    const marks = await this.disputes.among({ types: ['misconduct_report'], records: reports.map((r) => r.id) }, manager);
    return reports.map((r) => ({ ...r, disputed: marks.has('misconduct_report', r.id) }));
  }

  /**
   * An agency reports only about officers it employs or employed; for any other officer the
   * answer is the same 404 as for an unknown POST ID, so that reporting cannot be used to
   * learn who exists.
   */
  private async requireEmployedOfficer(manager: EntityManager, agencyId: string, postId: string): Promise<string> {
    const rows = await manager.query<{ id: string }[]>(
      `SELECT o.id FROM officer o WHERE o.post_id = $1
          AND EXISTS (SELECT 1 FROM employment e WHERE e.officer_id = o.id AND e.agency_id = $2)`,
      [postId, agencyId],
    );
    if (rows.length === 0) throw officerNotFound(postId);
    return rows[0].id;
  }

  private async insertVersion(
    manager: EntityManager,
    actor: Actor,
    reportId: string,
    version: number,
    content: ReportContent,
    amendmentReason: string | null,
    recordedAt: Date,
  ): Promise<void> {
    await manager.insert(MisconductReportVersionEntity, { reportId, version, ...content, amendmentReason, recordedBy: actor.id, recordedAt });
  }

  private async requireVisible(manager: EntityManager, reportId: string, agencyId: string | null): Promise<MisconductReportView> {
    const view = await findReport(manager, reportId, agencyId);
    if (!view) throw reportNotFound();
    return view;
  }
}

function contentOf(command: CreateReportCommand): ReportContent {
  const { incidentDate, categories, summary, agencyFinding } = command;
  return { incidentDate, categories: [...new Set(categories)], summary, agencyFinding, discipline: command.discipline ?? null };
}

function amendedContent(current: ReportContent, command: AmendReportCommand): ReportContent {
  return {
    incidentDate: command.incidentDate ?? current.incidentDate,
    categories: command.categories ? [...new Set(command.categories)] : current.categories,
    summary: command.summary ?? current.summary,
    agencyFinding: command.agencyFinding ?? current.agencyFinding,
    discipline: command.discipline !== undefined ? command.discipline : current.discipline,
  };
}

function changedFields(before: ReportContent, after: ReportContent): string[] {
  return (Object.keys(after) as (keyof ReportContent)[]).filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}
