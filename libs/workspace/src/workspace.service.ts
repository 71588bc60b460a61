import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl, AuditEntryEntity, AuditService } from '@app/audit';
import { Actor, Clock, IsoDate, Keyset, Page, jsonCursor } from '@app/core';
import type { DueProcessSettings } from '@app/discipline';
import { displayName } from '@app/officers';
import { DataSource, In } from 'typeorm';
import { statsOverview, StatsOverview, statsRange } from './domain/stats';
import { WORK_QUEUE_KEYSET, workItem, WorkItem } from './domain/work-queue';
import { officerAuditSeqs, officerIdByPostId } from './persistence/officer-audit.queries';
import {
  casesByStatus,
  certificationsByStatus,
  decisionsByMonth,
  hiringChecksByMonth,
  medianDaysReportToFinal,
  wanderingOfficers,
} from './persistence/stats.queries';
import { workQueueRows, WorkQueueClocks } from './persistence/work-queue.queries';
import { officerAuditAccess, workspaceAccess } from './workspace.policy';

/** An officer's audit, newest first: the cursor is the last entry's sequence. */
const OFFICER_AUDIT_KEYSET = new Keyset<number>(
  jsonCursor(
    (parsed) => (typeof parsed === 'number' && Number.isSafeInteger(parsed) && parsed > 0 ? parsed : undefined),
    (seq) => seq,
  ),
);

/**
 * The commission's workspace (API.md "Commission workspace"; issue 23): what is due, the
 * registry's figures, and an officer's whole audit trail. It reads the other contexts' tables
 * through SQL, so it sits at the top of the layers and nothing depends on it; it owns only
 * registry_tally, the counts the figures read, which triggers on those tables keep (migration
 * 1767000050100) and which it folds (persistence/stats.queries.ts).
 */
@Injectable()
export class WorkspaceService {
  private readonly clocks: WorkQueueClocks;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessControl,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    config: ConfigService,
  ) {
    const dueProcess = config.getOrThrow<DueProcessSettings>('dueProcess');
    this.clocks = { appealWindowDays: dueProcess.appealWindowDays, interimHearingMaxDays: dueProcess.interimHearingMaxDays };
  }

  /** Every item due, by due date (so overdue first), then kind and the item. */
  async workQueue(actor: Actor, page: { limit: number; cursor?: string }): Promise<Page<WorkItem>> {
    await this.access.require(actor, { action: 'work_queue.read', entityType: 'work_queue' }, workspaceAccess(actor));
    const after = WORK_QUEUE_KEYSET.after(page.cursor);
    const today = this.clock.today();
    const rows = await WORK_QUEUE_KEYSET.page(
      page.limit,
      (limit) => workQueueRows(this.dataSource.manager, { today, timeZone: this.clock.timeZone, clocks: this.clocks, after, limit }),
      (last) => ({ dueOn: last.dueOn, kind: last.kind, itemKey: last.itemKey }),
    );
    return { items: rows.items.map((row) => workItem(row, today)), nextCursor: rows.nextCursor };
  }

  /** The dashboard's figures, each one SQL aggregate over the registry. */
  async statsOverview(actor: Actor, query: { from?: IsoDate; to?: IsoDate }): Promise<StatsOverview> {
    await this.access.require(actor, { action: 'stats.read', entityType: 'stats' }, workspaceAccess(actor));
    const today = this.clock.today();
    const range = { ...statsRange(query, today), today, timeZone: this.clock.timeZone };
    const manager = this.dataSource.manager;
    const [cases, decisions, median, certifications, checks, wandering] = await Promise.all([
      casesByStatus(manager),
      decisionsByMonth(manager, range),
      medianDaysReportToFinal(manager, range),
      certificationsByStatus(manager, today),
      hiringChecksByMonth(manager, range),
      wanderingOfficers(manager),
    ]);
    return statsOverview({
      range,
      casesByStatus: cases,
      decisions,
      medianDaysReportToFinal: median,
      certificationsByStatus: certifications,
      hiringChecks: checks,
      wanderingOfficers: wandering.map((row) => ({
        postId: row.post_id,
        name: displayName({ firstName: row.first_name, middleName: row.middle_name, lastName: row.last_name, suffix: row.suffix }),
        separationsUnderInvestigation: row.n,
      })),
    });
  }

  /** `GET /audit?postId=`: every entry about the officer, newest first, refusals folded in first. */
  async officerAudit(actor: Actor, postId: string, page: { limit: number; cursor?: string }): Promise<Page<AuditEntryEntity>> {
    await this.access.require(actor, { action: 'audit.read', entityType: 'officer', details: { postId } }, officerAuditAccess(actor));
    await this.audit.foldPending();
    const beforeSeq = OFFICER_AUDIT_KEYSET.after(page.cursor);
    const manager = this.dataSource.manager;
    const officerId = await officerIdByPostId(manager, postId);
    return OFFICER_AUDIT_KEYSET.page(
      page.limit,
      async (limit) => {
        const seqs = await officerAuditSeqs(manager, { id: officerId, postId }, { beforeSeq, limit });
        if (seqs.length === 0) return [];
        const entries = await manager.find(AuditEntryEntity, { where: { seq: In(seqs.map(String)) } });
        return entries.sort((a, b) => Number(b.seq) - Number(a.seq));
      },
      (last) => Number(last.seq),
    );
  }
}
