import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl, AuditService } from '@app/audit';
import { Actor, Clock, IsoDate } from '@app/core';
import { NoticesService, recordOfficerEvent } from '@app/notifications';
import { EmploymentService, OfficerEntity, Separation, SeparationNature } from '@app/officers';
import { DataSource } from 'typeorm';
import { agencyFilingAccess } from './discipline.policy';
import { checkSeparation, employmentNotFound } from './domain';

export interface SeparationCommand {
  endDate: IsoDate;
  nature: SeparationNature;
  reason: string;
  /** 555 CMR 12.03: the officer left while an investigation was pending. */
  underInvestigation: boolean;
  notes?: string | null;
}

export interface SeparationView {
  employmentId: string;
  postId: string;
  agencyId: string;
  position: string;
  startDate: IsoDate;
  endDate: IsoDate;
  nature: SeparationNature;
  reason: string;
  underInvestigation: boolean;
  notes: string | null;
}

/**
 * Separations (DOMAIN.md "Misconduct reports"): the employing agency records how and why an
 * officer left. The `underInvestigation` flag is what later hiring checks show, so resigning
 * before the finding does not wipe the record.
 */
@Injectable()
export class SeparationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessControl,
    private readonly employments: EmploymentService,
    private readonly clock: Clock,
    private readonly notices: NoticesService,
  ) {}

  async separate(actor: Actor, employmentId: string, command: SeparationCommand): Promise<SeparationView> {
    const attempt = { action: 'employment.separate', entityType: 'employment', entityId: employmentId };
    const { agencyId } = await this.access.require(actor, attempt, agencyFilingAccess(actor));
    const view = await this.dataSource.transaction(async (manager) => {
      // Only the employing agency: any other caller gets the 404 of an unknown employment.
      const employment = await this.employments.lockAgencyEmployment(manager, employmentId, agencyId);
      if (!employment) return null;
      checkSeparation(employment, command.endDate, this.clock.today());
      const separation: Separation = {
        endDate: command.endDate,
        separationNature: command.nature,
        separationReason: command.reason,
        underInvestigation: command.underInvestigation,
        separationNotes: command.notes ?? null,
      };
      await this.employments.recordSeparation(manager, employment.id, separation);
      const officer = await manager.findOneByOrFail(OfficerEntity, { id: employment.officerId });
      const [{ code: agencyCode }] = await manager.query<{ code: string }[]>(`SELECT code FROM organization WHERE id = $1`, [employment.agencyId]);
      await recordOfficerEvent(manager, {
        type: 'officer.separated',
        officerId: employment.officerId,
        data: { agencyCode, endDate: command.endDate, underInvestigation: command.underInvestigation },
      });
      await this.audit.record(manager, actor, {
        action: 'employment.separate',
        entityType: 'employment',
        entityId: employment.id,
        details: {
          postId: officer.postId,
          endDate: command.endDate,
          nature: command.nature,
          underInvestigation: command.underInvestigation,
          changedFields: ['endDate', 'nature', 'reason', 'underInvestigation', ...(command.notes ? ['notes'] : [])],
        },
      });
      // 555 CMR 12.00: the officer is told of the separation the agency recorded.
      await this.notices.record(manager, actor, {
        officerId: employment.officerId,
        kind: 'separation',
        subject: { type: 'employment', id: employment.id },
        submittedBy: agencyId,
      });
      return {
        employmentId: employment.id,
        postId: officer.postId,
        agencyId: employment.agencyId,
        position: employment.position,
        startDate: employment.startDate,
        endDate: command.endDate,
        nature: command.nature,
        reason: command.reason,
        underInvestigation: command.underInvestigation,
        notes: separation.separationNotes,
      };
    });
    return view ?? this.access.refuse(actor, attempt, employmentNotFound());
  }
}
