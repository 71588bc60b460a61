import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl, AuditService } from '@app/audit';
import { CertificationService, CertificationView } from '@app/certification';
import { Actor, Page } from '@app/core';
import { DisciplineFactsService, DisciplineOwnRecordService, MisconductReportView, OfficerCaseView } from '@app/discipline';
import { DisputesService, DisputeView } from '@app/disputes';
import { HiringChecksService } from '@app/hiring';
import { NoticesService, NoticeView } from '@app/notifications';
import { OfficerRecord, OfficerRecordsService, OfficersService } from '@app/officers';
import { OfficerCompletion, TrainingCompletionsService } from '@app/training';
import { DataSource } from 'typeorm';
import { ownPortalAccess } from './officer-portal.policy';

/** GET /me/record (API.md "Officers' own accounts"): the officer's whole record, each part from its own context. */
export interface OwnRecord {
  record: OfficerRecord;
  certification: CertificationView;
  /** Case numbers of the cases the certification history names. */
  caseNumbers: Map<string, string>;
  training: OfficerCompletion[];
  reports: MisconductReportView[];
  cases: (OfficerCaseView & { notices: NoticeView[] })[];
  notices: NoticeView[];
  disputes: DisputeView[];
  hiringChecks: { checkedAt: Date; agency: { name: string; code: string } }[];
}

const PAGE = 500;

/** Every page of a list read through its owner's service (an officer's record is short: one or two pages). */
async function allPages<T>(read: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/**
 * The officer's own record, read through each owning context with the officer's own account as
 * the actor: each context's policy scopes its read to that officer (another officer's record is
 * never reachable from here). The read of the whole is audited once more as `officer.record_read`.
 */
@Injectable()
export class OwnRecordService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessControl,
    private readonly audit: AuditService,
    private readonly officers: OfficersService,
    private readonly records: OfficerRecordsService,
    private readonly certification: CertificationService,
    private readonly training: TrainingCompletionsService,
    private readonly discipline: DisciplineOwnRecordService,
    private readonly disciplineFacts: DisciplineFactsService,
    private readonly notices: NoticesService,
    private readonly disputes: DisputesService,
    private readonly hiring: HiringChecksService,
  ) {}

  async read(actor: Actor): Promise<OwnRecord> {
    await this.access.require(actor, { action: 'officer.record_read', entityType: 'officer' }, ownPortalAccess(actor));
    const officer = await this.officers.requireOwn(actor);
    const { postId } = officer;
    const record = await this.records.getRecord(actor, postId);
    const certification = await this.certification.get(actor, postId);
    const caseIds = certification.history.flatMap((h) => (h.caseId !== null ? [h.caseId] : []));
    const caseNumbers = await this.disciplineFacts.caseNumbersFor(actor, caseIds);
    const training = await allPages((cursor) => this.training.listForOfficer(actor, postId, { limit: PAGE, cursor }));
    const reports = await this.discipline.reportsAboutMe(actor);
    const notices = await allPages((cursor) => this.notices.listForOfficer(actor, { id: officer.id, postId }, { limit: PAGE, cursor }));
    const cases = (await this.discipline.myCases(actor)).map((c) => ({
      ...c,
      notices: notices.filter((n) => n.subject.type === 'case' && n.subject.id === c.id),
    }));
    const disputes = await allPages((cursor) => this.disputes.listOwn(actor, { limit: PAGE, cursor }));
    const hiringChecks = await this.hiring.checksAboutMe(actor);
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, actor, {
        action: 'officer.record_read',
        entityType: 'officer',
        entityId: officer.id,
        details: { postId, restrictedFields: ['dateOfBirth', 'ssnLast4', 'email'] },
      }),
    );
    return { record, certification, caseNumbers, training, reports, cases, notices, disputes, hiringChecks };
  }
}
