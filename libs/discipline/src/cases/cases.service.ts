import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl, AuditService } from '@app/audit';
import { CertificationCaseEffectsService } from '@app/certification';
import { Actor, Clock, organizationOf, Page, timeAndIdKeyset } from '@app/core';
import { NoticeKind, NoticesService } from '@app/notifications';
import { isUniqueViolation } from '@app/database';
import { recordOfficerEvent } from '@app/notifications';
import { DataSource, EntityManager } from 'typeorm';
import { DisciplineConfig } from '../discipline-config';
import { caseReadAccess, ownRecordAccess } from '../discipline.policy';
import { actingRole, CaseCommand, CaseCommandOf, caseNotFound, CaseStatus, caseVersionConflict, finalActionOf, transitionCase } from '../domain';
import { CaseEntity, caseStateOf, storedStateOf } from '../persistence/case.entity';
import { CaseEventEntity, CertificationChange } from '../persistence/case-event.entity';
import { withIdempotency } from '@app/database';
import { caseTimeline, findCase, findCases, isReportingAgency } from '../persistence/case.queries';
import { CaseView, ReportingAgencyCaseView, toCaseView, toReportingAgencyView } from './case-views';
import { CaseOpening, OpenCaseCommand } from './case-opening';

/** An action with the client's `expectedVersion` (API.md `POST /cases/:id/actions`). */
export type CaseActionRequest = CaseCommand & { expectedVersion: number };

export interface CaseListQuery {
  status?: CaseStatus;
  postId?: string;
  interimHearingOverdue?: boolean;
  limit: number;
  cursor?: string;
}

/** Newest first: (openedAt, id). */
const CASES_KEYSET = timeAndIdKeyset();

/** The case actions the officer is told of (555 CMR 12.00), in the action's own transaction. */
const NOTICE_OF_ACTION: Partial<Record<string, NoticeKind>> = { issue_notice: 'case_notice', decide: 'case_decision' };

/**
 * Commission cases (DOMAIN.md "Cases"). Every action is one transaction: the case row locked,
 * the pure workflow called, the certification changed through its own module, the timeline
 * row appended, the case updated on its version, the audit entry written: all or nothing.
 */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessControl,
    private readonly certification: CertificationCaseEffectsService,
    private readonly opening: CaseOpening,
    private readonly config: DisciplineConfig,
    private readonly clock: Clock,
    private readonly notices: NoticesService,
  ) {}

  open(actor: Actor, command: OpenCaseCommand, idempotencyKey?: string): Promise<CaseView> {
    const request = { organizationId: organizationOf(actor), key: idempotencyKey, method: 'POST', path: '/cases', body: command };
    return this.dataSource.transaction((manager) =>
      withIdempotency(manager, request, async () => {
        const caseId = await this.opening.open(manager, actor, command);
        return this.commissionView(manager, caseId);
      }),
    );
  }

  async act(actor: Actor, caseId: string, request: CaseActionRequest): Promise<CaseView> {
    const { expectedVersion, ...command } = request;
    return this.runAction(actor, caseId, command, expectedVersion);
  }

  /**
   * `POST /me/cases/:id/response`: the officer's own answer to a notice (`record_response` by the
   * officer, within the response window: the workflow's rule). Another officer's case is the 404
   * of an unknown one. No version from the client: the officer answers whatever the case's
   * version, and the row lock orders the answer against the commission's actions.
   */
  async respondAsOfficer(actor: Actor, caseId: string, answer: Omit<CaseCommandOf<'record_response'>, 'action'>): Promise<CaseView> {
    const attempt = { action: 'case.record_response', entityType: 'case', entityId: caseId };
    const { officerId } = await this.access.require(actor, attempt, ownRecordAccess(actor));
    return this.runAction(actor, caseId, { action: 'record_response', ...answer }, undefined, officerId);
  }

  /** `ownCaseOf`: the officer whose case alone the actor may act on (an officer's own account). */
  private async runAction(actor: Actor, caseId: string, command: CaseCommand, expectedVersion: number | undefined, ownCaseOf?: string): Promise<CaseView> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const entity = await manager.createQueryBuilder(CaseEntity, 'c').setLock('pessimistic_write').where('c.id = :caseId', { caseId }).getOne();
        if (!entity || (ownCaseOf !== undefined && entity.officerId !== ownCaseOf)) throw caseNotFound();
        const today = this.clock.today();
        const { next, effects, event } = transitionCase(caseStateOf(entity), command, {
          today,
          actorRoles: actor.roles,
          config: this.config.caseClocks,
          expectedVersion,
        });

        // The certification row lock taken here orders this decision against a renewal or a
        // hire on the same officer: whichever commits first, the other sees it.
        const certificationChanges: CertificationChange[] = [];
        for (const effect of effects) {
          const { from, to } = await this.certification.applyCaseEffect(manager, actor, entity.officerId, entity.id, effect, today);
          certificationChanges.push({ type: effect.type, from, to });
        }
        const timelineRow = manager.create(CaseEventEntity, {
          caseId,
          version: next.version,
          action: event.action,
          fromStatus: event.fromStatus,
          toStatus: event.toStatus,
          payload: event.payload,
          certificationChanges,
          occurredOn: event.occurredOn,
          actorKind: actor.kind,
          actorId: actor.id,
          actorOrganizationId: actor.organizationId,
          actorRole: actingRole(event.action, actor.roles),
          recordedAt: this.clock.now(),
        });
        await manager.save(timelineRow);
        const updated = await manager
          .createQueryBuilder()
          .update(CaseEntity)
          .set({ status: next.status, version: next.version, state: storedStateOf(next), updatedAt: this.clock.now() })
          .where('id = :caseId AND version = :version', { caseId, version: entity.version })
          .execute();
        if (updated.affected !== 1) throw caseVersionConflict(expectedVersion ?? entity.version, entity.version + 1);
        // A suspension, revocation or retraining order that becomes final (finalize, an appeal
        // upheld) is announced once, on the action that made it final.
        const finalAction = event.fromStatus !== 'final' ? finalActionOf(next, entity.caseNumber, () => '') : null;
        if (finalAction) {
          const { type, effectiveOn, endsOn } = finalAction;
          await recordOfficerEvent(manager, { type: 'officer.final_action', officerId: entity.officerId, data: { type, effectiveOn, endsOn } });
        }
        await this.audit.record(manager, actor, {
          action: `case.${event.action}`,
          entityType: 'case',
          entityId: caseId,
          details: { caseNumber: entity.caseNumber, fromStatus: event.fromStatus, toStatus: event.toStatus, version: next.version, certificationChanges },
        });
        const noticeKind = NOTICE_OF_ACTION[event.action];
        if (noticeKind) {
          await this.notices.record(manager, actor, {
            officerId: entity.officerId,
            kind: noticeKind,
            subject: { type: 'case', id: caseId },
            submittedBy: actor.organizationId,
            reference: entity.caseNumber,
          });
        }
        return this.commissionView(manager, caseId);
      });
    } catch (error) {
      // Backstop behind the row lock: the timeline's UNIQUE (case_id, version) refuses a second action on one version.
      if (isUniqueViolation(error, 'case_event_version_unique')) throw caseVersionConflict(expectedVersion ?? 0, (expectedVersion ?? 0) + 1);
      // The role per action is the workflow's rule (DOMAIN.md "Cases"); its 403, like the 404 of an unknown case, is a refusal.
      return this.access.refuseIfDenied(actor, { action: `case.${command.action}`, entityType: 'case', entityId: caseId }, error);
    }
  }

  /**
   * Commission roles read the whole case with its timeline; an agency that reported into the
   * case reads its status and outcome only; anyone else gets the 404 of an unknown case.
   */
  async get(actor: Actor, caseId: string): Promise<CaseView | ReportingAgencyCaseView> {
    const attempt = { action: 'case.read', entityType: 'case', entityId: caseId };
    const scope = await this.access.require(actor, attempt, caseReadAccess(actor));
    const view = await this.dataSource.transaction(async (manager): Promise<CaseView | ReportingAgencyCaseView | null> => {
      if (scope.view === 'commission') {
        const found = await findCase(manager, caseId);
        if (!found) return null;
        await this.audit.record(manager, actor, { action: 'case.read', entityType: 'case', entityId: caseId, details: { view: 'commission' } });
        return toCaseView(found, this.clock.today(), this.config.caseClocks, await caseTimeline(manager, caseId));
      }
      if (!(await isReportingAgency(manager, caseId, scope.agencyId))) return null;
      const found = await findCase(manager, caseId);
      if (!found) return null;
      await this.audit.record(manager, actor, { action: 'case.read', entityType: 'case', entityId: caseId, details: { view: 'reporting_agency' } });
      return toReportingAgencyView(found);
    });
    return view ?? this.access.refuse(actor, attempt, caseNotFound());
  }

  /** Newest first; the list read is audited once with the case ids it returned. */
  async list(actor: Actor, query: CaseListQuery): Promise<Page<CaseView>> {
    const after = CASES_KEYSET.after(query.cursor);
    const today = this.clock.today();
    const clocks = this.config.caseClocks;
    return this.dataSource.transaction(async (manager) => {
      const overdue = query.interimHearingOverdue === undefined ? undefined : { value: query.interimHearingOverdue, today, clocks };
      const rows = await CASES_KEYSET.page(
        query.limit,
        (limit) => findCases(manager, { status: query.status, postId: query.postId, interimHearingOverdue: overdue, after, limit }),
        (last) => ({ at: last.entity.openedAt.toISOString(), id: last.entity.id }),
      );
      const items = rows.items.map((row) => toCaseView(row, today, clocks));
      await this.audit.record(manager, actor, {
        action: 'case.list',
        entityType: 'case',
        details: { status: query.status ?? null, postId: query.postId ?? null, caseIds: items.map((item) => item.id) },
      });
      return { items, nextCursor: rows.nextCursor };
    });
  }

  private async commissionView(manager: EntityManager, caseId: string): Promise<CaseView> {
    const found = await findCase(manager, caseId);
    if (!found) throw caseNotFound();
    return toCaseView(found, this.clock.today(), this.config.caseClocks, await caseTimeline(manager, caseId));
  }
}
