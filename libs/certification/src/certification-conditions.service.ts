import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { Actor, Clock } from '@app/core';
import { OfficersService } from '@app/officers';
import { DataSource } from 'typeorm';
import { CertificationView, loadCertificationView } from './certification-view';
import { assertSatisfiable, conditionAlreadySatisfied, conditionNotFound, conditionStanding } from './domain';
import { CertificationConditionEntity } from './persistence/certification-condition.entity';
import { markSatisfied } from './persistence/certification-condition.store';
import { lockOrCreateCertification } from './persistence/certification.store';

/**
 * The adjudicator's satisfaction of a condition (555 CMR 7.04, 9.10), with the evidence
 * accepted. The status does not change, so no outbox event: a `condition_unmet` suspension is
 * lifted by its own transition once no condition is overdue.
 */
@Injectable()
export class CertificationConditionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly officers: OfficersService,
    private readonly clock: Clock,
  ) {}

  /**
   * 200 the certification; 404 for a condition of another officer; 409 when it is already
   * satisfied. Two satisfactions at once queue on the certification row (SELECT … FOR UPDATE):
   * the second reads the first's result and is told so, with the day it was recorded.
   */
  satisfy(actor: Actor, postId: string, conditionId: string, evidence: string): Promise<CertificationView> {
    return this.dataSource.transaction(async (manager) => {
      const officer = await this.officers.requireByPostId(postId, manager);
      await lockOrCreateCertification(manager, officer.id);
      const condition = await manager.findOneBy(CertificationConditionEntity, { id: conditionId, officerId: officer.id });
      if (!condition) throw conditionNotFound();
      assertSatisfiable(condition);
      const today = this.clock.today();
      const now = this.clock.now();
      if (!(await markSatisfied(manager, condition.id, { satisfiedOn: today, satisfiedBy: actor.id, evidence, closedAt: now }))) {
        throw conditionAlreadySatisfied(condition.id, null);
      }
      await this.audit.record(manager, actor, {
        action: 'certification.condition_satisfied',
        entityType: 'certification',
        entityId: officer.id,
        // The evidence may name medical or family matters: the entry says it was recorded, not what it says.
        details: {
          postId: officer.postId,
          conditionId: condition.id,
          basis: condition.basis,
          dueOn: condition.dueOn,
          satisfiedOn: today,
          wasOverdue: conditionStanding(condition, today) === 'overdue',
          evidenceRecorded: true,
        },
      });
      return loadCertificationView(manager, officer, today);
    });
  }
}
