import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl, AuditService } from '@app/audit';
import { Actor, Clock, Page, timeAndIdKeyset } from '@app/core';
import { MailTransport } from '@app/mail';
import { DataSource, EntityManager } from 'typeorm';
import { invalidNoticeSubject, noticesNotVisible } from './domain/notices.errors';
import { initialDelivery, isOverdue, NoticeKind, noticeDueBy } from './domain/notice-rules';
import { NoticeDispatch } from './notice-dispatch';
import { noticeQueueAccess, noticeReadAccess } from './notices.policy';
import { NoticeEntity } from './persistence/notice.entity';
import { findNotices, NoticeRow } from './persistence/notice.queries';

/** What a submission about an officer asks for: the notice that tells them (555 CMR 12.00). */
export interface NoticeRequest {
  officerId: string;
  kind: NoticeKind;
  /** The record the notice is about: `{type: 'misconduct_report', id}`, `{type: 'case', id}`, … */
  subject: { type: string; id: string };
  /** The organization that made the submission; named in the mail. */
  submittedBy?: string | null;
  /** A public reference the mail may quote: a case number, `version 2` of a report. */
  reference?: string | null;
}

export interface NoticeView {
  id: string;
  postId: string;
  kind: NoticeKind;
  subject: { type: string; id: string };
  createdAt: Date;
  dueBy: string;
  sentAt: Date | null;
  channel: NoticeEntity['channel'];
  status: NoticeEntity['status'];
  overdue: boolean;
}

/** Newest first: (createdAt, id). */
const NOTICES_KEYSET = timeAndIdKeyset();
/** Rows per INSERT of a bulk call (13 parameters a row, PostgreSQL's limit is 65,535). */
const INSERT_CHUNK = 1000;
const SUBJECT_TYPE = /^[a-z][a-z_]{0,39}$/;

/**
 * Notices to officers (API.md "Notices to officers", DOMAIN.md "Monitoring and notices"). A
 * notice is written inside the transaction of the submission it reports, so a refused or
 * rolled-back submission leaves none; it is sent afterwards by a durable job
 * (`NoticeDispatch`), never from inside that transaction.
 */
@Injectable()
export class NoticesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessControl,
    private readonly mail: MailTransport,
    private readonly dispatch: NoticeDispatch,
    private readonly clock: Clock,
  ) {}

  /** One notice, in the caller's transaction (`manager`), audited as `notice.create`. */
  async record(manager: EntityManager, actor: Actor | null, request: NoticeRequest): Promise<string> {
    const [id] = await this.recordMany(manager, actor, [request]);
    return id;
  }

  /**
   * Many notices in the caller's transaction, in a few statements whatever their number (an
   * import's final actions): one read of the officers' addresses, one INSERT and one audit
   * append per thousand, and the sending jobs queued in the same transaction. Returns the ids
   * in the order of `requests`.
   */
  async recordMany(manager: EntityManager, actor: Actor | null, requests: readonly NoticeRequest[]): Promise<string[]> {
    if (requests.length === 0) return [];
    for (const request of requests) {
      if (!SUBJECT_TYPE.test(request.subject.type)) throw invalidNoticeSubject(`subject type ${JSON.stringify(request.subject.type)}`);
    }
    const officerIds = [...new Set(requests.map((request) => request.officerId))];
    // Whether an address is on file, never the address: the job reads it when it sends.
    const officers = await manager.query<{ id: string; post_id: string; has_email: boolean }[]>(
      `SELECT id, post_id, email IS NOT NULL AS has_email FROM officer WHERE id = ANY($1::uuid[])`,
      [officerIds],
    );
    const officerById = new Map(officers.map((officer) => [officer.id, officer]));
    const createdAt = this.clock.now();
    const dueBy = noticeDueBy(this.clock.today());
    const rows = requests.map((request) => {
      const officer = officerById.get(request.officerId);
      if (!officer) throw invalidNoticeSubject(`no officer ${request.officerId}`);
      return {
        officerId: request.officerId,
        kind: request.kind,
        subjectType: request.subject.type,
        subjectId: request.subject.id,
        submittedBy: request.submittedBy ?? null,
        reference: request.reference ?? null,
        createdAt,
        dueBy,
        ...initialDelivery({ hasEmail: officer.has_email, mailConfigured: this.mail.configured }),
        attempts: 0,
      };
    });
    const ids: string[] = [];
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const chunk = rows.slice(start, start + INSERT_CHUNK);
      const inserted = await manager.createQueryBuilder().insert().into(NoticeEntity).values(chunk).returning(['id']).execute();
      ids.push(...(inserted.raw as { id: string }[]).map((row) => row.id));
      await this.audit.recordMany(
        manager,
        chunk.map((row, i) => ({
          actor,
          record: {
            action: 'notice.create',
            entityType: 'notice',
            entityId: ids[start + i],
            // Whether it goes by mail, never to which address.
            details: {
              postId: officerById.get(row.officerId)!.post_id,
              kind: row.kind,
              subject: { type: row.subjectType, id: row.subjectId },
              dueBy: row.dueBy,
              channel: row.channel,
              status: row.status,
            },
          },
        })),
      );
    }
    const queued = ids.filter((_, i) => rows[i].status === 'queued');
    await this.dispatch.enqueue(manager, queued);
    return ids;
  }

  /**
   * `GET /officers/:postId/notices`: the officer's notices, newest first. The officer is the one
   * the officers context found visible to the actor (the API asks it first: officers sits above
   * this context); this policy then decides whose notices the actor reads.
   */
  async listForOfficer(actor: Actor, officer: { id: string; postId: string }, query: { limit: number; cursor?: string }): Promise<Page<NoticeView>> {
    const attempt = { action: 'notice.list', entityType: 'officer', entityId: officer.id, details: { postId: officer.postId } };
    const scope = await this.access.require(actor, attempt, noticeReadAccess(actor));
    if ('officerId' in scope && scope.officerId !== officer.id) return this.access.refuse(actor, attempt, noticesNotVisible(officer.postId));
    const after = NOTICES_KEYSET.after(query.cursor);
    return this.page(actor, { officerId: officer.id, limit: query.limit, after }, { postId: officer.postId });
  }

  /** `GET /notices?overdue=`: every officer's notices, newest first; `overdue` keeps those not sent by their `dueBy` (or the others). */
  async list(actor: Actor, query: { overdue?: boolean; limit: number; cursor?: string }): Promise<Page<NoticeView>> {
    await this.access.require(actor, { action: 'notice.list', entityType: 'notice', details: { overdue: query.overdue ?? null } }, noticeQueueAccess(actor));
    const after = NOTICES_KEYSET.after(query.cursor);
    const overdue = query.overdue === undefined ? undefined : { value: query.overdue, today: this.clock.today() };
    return this.page(actor, { overdue, limit: query.limit, after }, { overdue: query.overdue ?? null });
  }

  private page(actor: Actor, filter: Parameters<typeof findNotices>[1], auditDetails: Record<string, unknown>): Promise<Page<NoticeView>> {
    const today = this.clock.today();
    return this.dataSource.transaction(async (manager) => {
      const rows = await NOTICES_KEYSET.page(
        filter.limit,
        (limit) => findNotices(manager, { ...filter, limit }),
        (last) => ({ at: last.notice.createdAt.toISOString(), id: last.notice.id }),
      );
      const items = rows.items.map((row) => toNoticeView(row, today));
      await this.audit.record(manager, actor, { action: 'notice.list', entityType: 'notice', details: { ...auditDetails, count: items.length } });
      return { items, nextCursor: rows.nextCursor };
    });
  }
}

function toNoticeView(row: NoticeRow, today: string): NoticeView {
  const n = row.notice;
  return {
    id: n.id,
    postId: row.postId,
    kind: n.kind,
    subject: { type: n.subjectType, id: n.subjectId },
    createdAt: n.createdAt,
    dueBy: n.dueBy,
    sentAt: n.sentAt,
    channel: n.channel,
    status: n.status,
    overdue: isOverdue(n, today),
  };
}
