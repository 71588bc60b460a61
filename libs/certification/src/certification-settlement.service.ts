import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { Clock, IsoDate } from '@app/core';
import { DataSource } from 'typeorm';
import { saveAndAudit } from './certification-change';
import { CertificationImportService } from './certification-import.service';
import { settleCertification } from './domain';
import { dueForSettlement, lockCertification, toState } from './persistence/certification.store';
import { loggableError } from '@app/database';

const SETTLEMENT_PAGE = 500;

/**
 * What time does to certifications, recorded (DOMAIN.md; reads already show it): terms that
 * ended (c. 6E §4(f)(3)) and fixed-term suspensions that ran out. Run by
 * CertificationSettlementJob; its changes are the system's, audited without an actor.
 */
@Injectable()
export class CertificationSettlementService {
  private readonly logger = new Logger(CertificationSettlementService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly imports: CertificationImportService,
  ) {}

  /**
   * Records what time did by `today` (then applies the imported final actions whose day has
   * come: CertificationImportService.applyDueEffects), each certification in its own short transaction with
   * its row locked, so one failure does not hold back the rest. Idempotent: a row settled
   * meanwhile (by a request or another process) is left alone.
   */
  async settleDue(today: IsoDate = this.clock.today()): Promise<{ settled: number; failed: number }> {
    let settled = 0;
    let failed = 0;
    for (let after: string | null = null; ;) {
      const due = await dueForSettlement(this.dataSource.manager, today, after, SETTLEMENT_PAGE);
      for (const officerId of due) {
        try {
          if (await this.settleOne(officerId, today)) settled++;
        } catch (error) {
          failed++;
          this.logger.error({ err: loggableError(error), officerId }, 'certification settlement failed');
        }
      }
      if (due.length < SETTLEMENT_PAGE) break;
      after = due[due.length - 1];
    }
    // Imported revocations and suspensions dated after their import bind on their day (DOMAIN.md "Onboarding").
    try {
      settled += await this.imports.applyDueEffects(this.dataSource, this.audit, today);
    } catch (error) {
      failed++;
      this.logger.error({ err: loggableError(error) }, 'applying due imported final actions failed');
    }
    return { settled, failed };
  }

  /** One certification: the row locked, the pure settlement, state and history written with one audit entry. */
  private settleOne(officerId: string, today: IsoDate): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const row = await lockCertification(manager, officerId);
      if (!row) return false;
      const transition = settleCertification(toState(row), today);
      if (transition.history.length === 0) return false;
      await saveAndAudit(manager, this.audit, {
        row,
        transition,
        actor: null,
        recordedAt: this.clock.now(),
        action: 'certification.settle',
        details: {
          changes: transition.history.map((h) => ({ from: h.from, to: h.to, reason: h.reason, effectiveOn: h.effectiveOn, caseId: h.caseId ?? null })),
        },
      });
      return true;
    });
  }
}
