import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { Actor, Clock } from '@app/core';
import { recordOfficerEvent } from '@app/notifications';
import { OfficersService } from '@app/officers';
import { EntityManager } from 'typeorm';
import { actingRole, CaseGround, linkedReportsRefused, openCase, standardForGround, unknownGrounds } from '../domain';
import { GroundsService } from '../grounds.service';
import { CaseEntity, storedStateOf } from '../persistence/case.entity';
import { CaseEventEntity } from '../persistence/case-event.entity';

export interface OpenCaseCommand {
  postId: string;
  /** Misconduct reports the case rests on; their agencies may follow the case's status. */
  reportIds?: string[];
  /** Codes from `GET /grounds`. */
  grounds: string[];
  summary: string;
}

/** Opens a case inside the caller's transaction: grounds resolved, reports linked, number drawn, first timeline row. */
@Injectable()
export class CaseOpening {
  constructor(
    private readonly audit: AuditService,
    private readonly officers: OfficersService,
    private readonly grounds: GroundsService,
    private readonly clock: Clock,
  ) {}

  async open(manager: EntityManager, actor: Actor, command: OpenCaseCommand): Promise<string> {
    const officer = await this.officers.requireByPostId(command.postId, manager);
    const grounds = await this.resolveGrounds(manager, command.grounds);
    const reportIds = [...new Set(command.reportIds ?? [])];
    await this.checkReports(manager, officer.id, reportIds);
    const state = openCase(grounds);
    const now = this.clock.now();
    const today = this.clock.today();
    const [{ number }] = await manager.query<{ number: string }[]>(`SELECT lpad(nextval('commission_case_number_seq')::text, 6, '0') AS number`);
    const caseNumber = `${today.slice(0, 4)}-${number}`;

    const { identifiers } = await manager.insert(CaseEntity, {
      caseNumber,
      officerId: officer.id,
      status: state.status,
      version: state.version,
      summary: command.summary,
      state: storedStateOf(state),
      openedBy: actor.id,
      openedAt: now,
      updatedAt: now,
    });
    const caseId = identifiers[0].id as string;
    for (const reportId of reportIds) await manager.query(`INSERT INTO case_report (case_id, report_id) VALUES ($1, $2)`, [caseId, reportId]);
    await manager.insert(CaseEventEntity, {
      caseId,
      version: state.version,
      action: 'open',
      fromStatus: null,
      toStatus: state.status,
      payload: { postId: command.postId, grounds: command.grounds, reportIds, summary: command.summary },
      certificationChanges: [],
      occurredOn: today,
      actorKind: actor.kind,
      actorId: actor.id,
      actorOrganizationId: actor.organizationId,
      actorRole: actingRole('open', actor.roles),
      recordedAt: now,
    });
    // That a case is open, nothing of its grounds or summary (API.md: no grounds, no summary).
    await recordOfficerEvent(manager, { type: 'officer.case_opened', officerId: officer.id, data: {} });
    await this.audit.record(manager, actor, {
      action: 'case.open',
      entityType: 'case',
      entityId: caseId,
      details: { caseNumber, postId: command.postId, grounds: command.grounds, reportIds },
    });
    return caseId;
  }

  /** Grounds are reference rows: an unknown code is refused with every unknown code listed. */
  private async resolveGrounds(manager: EntityManager, codes: string[]): Promise<CaseGround[]> {
    const rows = await this.grounds.findByCodes(manager, codes);
    const byCode = new Map(rows.map((row) => [row.code, row]));
    const unknown = [...new Set(codes.filter((code) => !byCode.has(code)))];
    if (unknown.length > 0) {
      throw unknownGrounds(unknown);
    }
    return codes.map((code) => {
      const row = byCode.get(code)!;
      return { code, mandatory: row.mandatory, standardOfProof: standardForGround(row) };
    });
  }

  /** Linked reports must exist and be about this officer: a case rests on reports about its own subject. */
  private async checkReports(manager: EntityManager, officerId: string, reportIds: string[]): Promise<void> {
    if (reportIds.length === 0) return;
    const rows = await manager.query<{ id: string; officer_id: string }[]>(`SELECT id, officer_id FROM misconduct_report WHERE id = ANY($1)`, [reportIds]);
    const found = new Map(rows.map((row) => [row.id, row.officer_id]));
    const missing = reportIds.filter((id) => !found.has(id));
    const otherOfficer = reportIds.filter((id) => found.has(id) && found.get(id) !== officerId);
    const reasons = [...(missing.length ? ['report_not_found'] : []), ...(otherOfficer.length ? ['report_about_other_officer'] : [])];
    if (reasons.length > 0) {
      throw linkedReportsRefused(reasons, missing, otherOfficer);
    }
  }
}
