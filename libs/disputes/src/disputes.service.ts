import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl, AuditService } from '@app/audit';
import { Actor, Clock, Page, timeAndIdKeyset } from '@app/core';
import { isUniqueViolation } from '@app/database';
import { NoticesService } from '@app/notifications';
import { DataSource } from 'typeorm';
import { DisputeOutcome, DisputeStatus, disputeSubjectProblem, DisputeSubjectType } from './domain/dispute';
import { disputeAlreadyOpen, disputeAlreadyResolved, disputeNotFound, disputeSubjectInvalid } from './domain/disputes.errors';
import { disputeQueueAccess, disputeResolveAccess, ownDisputesAccess } from './disputes.policy';
import { DisputeEntity } from './persistence/dispute.entity';
import { DisputeRow, findDispute, findDisputes } from './persistence/dispute.queries';

export interface DisputeView {
  id: string;
  postId: string;
  subject: { type: DisputeSubjectType; id: string | null };
  statement: string;
  status: DisputeStatus;
  openedAt: Date;
  outcome: DisputeOutcome | null;
  reason: string | null;
  resolvedAt: Date | null;
}

/** A dispute to open; the caller (the officer's portal) has found `subject.id` in the officer's own record. */
export interface OpenDisputeCommand {
  officer: { id: string; postId: string };
  subject: { type: DisputeSubjectType; id: string | null };
  statement: string;
}

const DISPUTES_KEYSET = timeAndIdKeyset();

/**
 * Disputes (API.md "Officers' own accounts"): opened by the officer, resolved once by the
 * commission, the officer told by a `dispute_resolved` notice in the resolution's transaction.
 * Every step is audited with the officer's POST ID.
 */
@Injectable()
export class DisputesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessControl,
    private readonly notices: NoticesService,
    private readonly clock: Clock,
  ) {}

  /** `POST /me/disputes`. One open dispute per part of the record (a second: 409). */
  async open(actor: Actor, command: OpenDisputeCommand): Promise<DisputeView> {
    const attempt = { action: 'dispute.open', entityType: 'officer', entityId: command.officer.id, details: { postId: command.officer.postId } };
    const scope = await this.access.require(actor, attempt, ownDisputesAccess(actor));
    if (scope.officerId !== command.officer.id) return this.access.refuse(actor, attempt, disputeNotFound());
    const problem = disputeSubjectProblem(command.subject);
    if (problem) throw disputeSubjectInvalid(problem);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const [row] = (
          await manager
            .createQueryBuilder()
            .insert()
            .into(DisputeEntity)
            .values({
              officerId: command.officer.id,
              subjectType: command.subject.type,
              subjectId: command.subject.id,
              statement: command.statement,
              status: 'open',
              openedBy: actor.id,
              openedAt: this.clock.now(),
            })
            .returning(['id'])
            .execute()
        ).raw as { id: string }[];
        await this.audit.record(manager, actor, {
          action: 'dispute.open',
          entityType: 'dispute',
          entityId: row.id,
          details: { postId: command.officer.postId, subject: command.subject },
        });
        return toDisputeView((await findDispute(manager, row.id))!);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'dispute_one_open_per_subject')) throw disputeAlreadyOpen();
      throw error;
    }
  }

  /** `GET /me/disputes`: the officer's own, newest first, with outcome and reason once resolved. */
  async listOwn(actor: Actor, query: { limit: number; cursor?: string }): Promise<Page<DisputeView>> {
    const scope = await this.access.require(actor, { action: 'dispute.list', entityType: 'dispute' }, ownDisputesAccess(actor));
    return this.page(actor, { officerId: scope.officerId, limit: query.limit, after: DISPUTES_KEYSET.after(query.cursor) });
  }

  /** Every dispute of one officer, for the officer's own record (the caller checked the actor is that officer). */
  async allOfOfficer(officerId: string): Promise<DisputeView[]> {
    const rows = await findDisputes(this.dataSource.manager, { officerId, limit: 1000 });
    return rows.map(toDisputeView);
  }

  /** `GET /disputes?status=&postId=` (commission roles). */
  async list(actor: Actor, query: { status?: DisputeStatus; postId?: string; limit: number; cursor?: string }): Promise<Page<DisputeView>> {
    await this.access.require(
      actor,
      { action: 'dispute.list', entityType: 'dispute', details: { status: query.status ?? null, postId: query.postId ?? null } },
      disputeQueueAccess(actor),
    );
    return this.page(actor, { status: query.status, postId: query.postId, limit: query.limit, after: DISPUTES_KEYSET.after(query.cursor) });
  }

  /**
   * `POST /disputes/:id/resolve`: once. The conditional UPDATE (`WHERE status = 'open'`) holds
   * it: of two resolutions at once, the second waits on the row, then finds it resolved (409).
   */
  async resolve(actor: Actor, disputeId: string, command: { outcome: DisputeOutcome; reason: string }): Promise<DisputeView> {
    const attempt = { action: 'dispute.resolve', entityType: 'dispute', entityId: disputeId };
    await this.access.require(actor, attempt, disputeResolveAccess(actor));
    try {
      return await this.dataSource.transaction(async (manager) => {
        const updated = await manager
          .createQueryBuilder()
          .update(DisputeEntity)
          .set({ status: 'resolved', outcome: command.outcome, reason: command.reason, resolvedBy: actor.id, resolvedAt: this.clock.now() })
          .where(`id = :disputeId AND status = 'open'`, { disputeId })
          .execute();
        const found = await findDispute(manager, disputeId);
        if (!found) throw disputeNotFound();
        if (updated.affected !== 1) throw disputeAlreadyResolved();
        await this.audit.record(manager, actor, {
          action: 'dispute.resolve',
          entityType: 'dispute',
          entityId: disputeId,
          details: { postId: found.postId, subject: { type: found.dispute.subjectType, id: found.dispute.subjectId }, outcome: command.outcome },
        });
        await this.notices.record(manager, actor, {
          officerId: found.dispute.officerId,
          kind: 'dispute_resolved',
          subject: { type: 'dispute', id: disputeId },
          submittedBy: actor.organizationId,
        });
        return toDisputeView(found);
      });
    } catch (error) {
      return this.access.refuseIfDenied(actor, attempt, error);
    }
  }

  private page(actor: Actor, filter: Parameters<typeof findDisputes>[1]): Promise<Page<DisputeView>> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await DISPUTES_KEYSET.page(
        filter.limit,
        (limit) => findDisputes(manager, { ...filter, limit }),
        (last) => ({ at: last.dispute.openedAt.toISOString(), id: last.dispute.id }),
      );
      const items = rows.items.map(toDisputeView);
      await this.audit.record(manager, actor, {
        action: 'dispute.list',
        entityType: 'dispute',
        details: {
          officerId: filter.officerId ?? null,
          postId: filter.postId ?? null,
          status: filter.status ?? null,
          disputeIds: items.map((item) => item.id),
        },
      });
      return { items, nextCursor: rows.nextCursor };
    });
  }
}

function toDisputeView(row: DisputeRow): DisputeView {
  const d = row.dispute;
  return {
    id: d.id,
    postId: row.postId,
    subject: { type: d.subjectType, id: d.subjectId },
    statement: d.statement,
    status: d.status,
    openedAt: d.openedAt,
    outcome: d.outcome,
    reason: d.reason,
    resolvedAt: d.resolvedAt,
  };
}
