import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { Actor, Clock, IsoDate } from '@app/core';
import { OfficersService } from '@app/officers';
import { DataSource, EntityManager } from 'typeorm';
import { certificationDetailScope } from './certification.policy';
import { CertificationView, loadCertificationView } from './certification-view';
import { certificationNotFound } from './domain/certification.errors';
import { certificationStanding, CertificationStanding, HireabilityVerdict, hireabilityVerdict, notCertifiedState } from './domain';
import {
  certificationExistedInSnapshot,
  lastRenewalDates,
  loadForHireability,
  lockOrCreateCertification,
  stateFromSnapshot,
  storedFromSnapshot,
  StoredCertification,
  toState,
} from './persistence/certification.store';
import { CertificationEntity } from './persistence/certification.entity';

/**
 * Reads of the certification context (DOMAIN.md "Certification"), for the API and for the
 * contexts that depend on it (hiring, public). Writes are the adjudicator's
 * (CertificationDecisionsService), the cases' (CertificationCaseEffectsService) and time's
 * (CertificationSettlementService).
 */
@Injectable()
export class CertificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly officers: OfficersService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Commission roles see every certification; an agency only those of officers it employs
   * or employed; anyone else the same 404 as for an unknown POST ID, the refusal audited
   * (OfficersService.requireVisibleByPostId, the one rule for the officer's record).
   */
  async get(actor: Actor, postId: string): Promise<CertificationView> {
    const officer = await this.officers.requireVisibleByPostId(actor, postId, 'certification.read');
    return this.dataSource.transaction(async (manager) => {
      const view = await loadCertificationView(manager, officer, this.clock.today(), certificationDetailScope(actor));
      // The detail (history with its cases, conditions) is restricted (DOMAIN.md "Audit"): every read is recorded, as the officer's record is.
      await this.audit.record(manager, actor, {
        action: 'certification.read',
        entityType: 'certification',
        entityId: officer.id,
        details: {
          postId: officer.postId,
          caseIds: [...new Set(view.history.flatMap((h) => (h.caseId !== null ? [h.caseId] : [])))],
          conditions: view.conditions.length,
        },
      });
      return view;
    });
  }

  /** Where one officer's certification stands today (not_certified without a row); the caller has checked access. */
  async standingOf(officerId: string): Promise<CertificationStanding> {
    const row = await this.dataSource.manager.findOneBy(CertificationEntity, { officerId });
    const today = this.clock.today();
    return row ? certificationStanding(toState(row), row.firstCertifiedOn, today) : certificationStanding(notCertifiedState(), null, today);
  }

  /** Inside the caller's transaction: SELECT … FOR UPDATE on the certification row, then hireability at this moment (DOMAIN.md "Hiring checks"). */
  async lockAndEvaluateHireability(manager: EntityManager, officerId: string, today: string): Promise<HireabilityVerdict> {
    await lockOrCreateCertification(manager, officerId);
    const stored = (await loadForHireability(manager, [officerId])).get(officerId);
    if (!stored) throw certificationNotFound();
    return hireabilityVerdict(stored.state, stored.facts, today);
  }

  /**
   * Without locking, for many officers at once (hiring checks, public pages). An id with
   * no certification row (an officer never given one, or no officer at all) reads not_certified.
   */
  async evaluateHireability(officerIds: string[], today: string): Promise<Map<string, HireabilityVerdict>> {
    const stored = await loadForHireability(this.dataSource.manager, [...new Set(officerIds)]);
    return new Map(officerIds.map((id) => [id, verdictOf(stored.get(id), today)]));
  }

  /** The verdict from a `hireabilitySnapshotSql` value another context selected (null: never certified). */
  verdictFromSnapshot(snapshot: unknown, today: string): HireabilityVerdict {
    return verdictOf(storedFromSnapshot(snapshot), today);
  }

  /** Where the certification stands on `today`, from a `standingSnapshotSql` value (null: never certified). */
  standingFromSnapshot(snapshot: unknown, today: string): CertificationStanding {
    const stored = stateFromSnapshot(snapshot);
    return stored ? certificationStanding(stored.state, stored.firstCertifiedOn, today) : certificationStanding(notCertifiedState(), null, today);
  }

  /** Whether a certification ever existed, from a `standingSnapshotSql` value (null: none). */
  certificationExistedInSnapshot(snapshot: unknown): boolean {
    return certificationExistedInSnapshot(snapshot);
  }

  /**
   * The day the commission last certified each officer whose current term has not begun yet
   * (renewed early: the new term starts at the old expiry), by officer id: a public record's
   * "most recently certified" is then that renewal, never a date to come. Reads the history
   * only for those officers, so the common page costs nothing more.
   */
  async renewalDatesOfTermsToCome(certifications: readonly { officerId: string; issuedOn: IsoDate | null }[], today: IsoDate): Promise<Map<string, IsoDate>> {
    const toCome = certifications.filter((c) => c.issuedOn !== null && c.issuedOn > today).map((c) => c.officerId);
    return lastRenewalDates(this.dataSource.manager, toCome);
  }
}

function verdictOf(stored: StoredCertification | undefined, today: string): HireabilityVerdict {
  return stored
    ? hireabilityVerdict(stored.state, stored.facts, today)
    : hireabilityVerdict(notCertifiedState(), { firstCertifiedOn: null, statusSince: null, everRelinquished: false }, today);
}
