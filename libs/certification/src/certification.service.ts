import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { Actor, Clock, IsoDate } from '@app/core';
import { OfficerEntity, OfficersService } from '@app/officers';
import { DataSource, EntityManager } from 'typeorm';
import { CertificationAdjudication, CertifyRequest, TransitionRequest } from './certification-adjudication';
import { CERTIFICATION_RULES } from './certification-rules';
import type { CertificationRules } from './certification-rules';
import { buildCertificationView, CaseNumberResolver, CertificationView } from './certification-view';
import { certificationNotFound } from './certification.service-errors';
import {
  CaseCertificationEffect,
  caseEffectCommand,
  CertificationContext,
  certificationStanding,
  CertificationStanding,
  CertificationStatus,
  effectiveStatus,
  HireabilityVerdict,
  hireabilityVerdict,
  InitialEligibilityWarning,
  notCertifiedState,
  settleCertification,
  transitionCertification,
} from './domain';
import { CertificationEntity } from './persistence/certification.entity';
import {
  dueForSettlement,
  historyOf,
  lastRenewalDates,
  loadForHireability,
  stateFromSnapshot,
  storedFromSnapshot,
  StoredCertification,
  lockCertification,
  lockOrCreateCertification,
  saveTransition,
  SYSTEM_ACTOR_ID,
  toState,
} from './persistence/certification.store';

const SETTLEMENT_PAGE = 500;

/**
 * The certification context's application service (DOMAIN.md "Certification"). Every
 * write is one transaction: the certification row locked (SELECT … FOR UPDATE), the pure
 * state machine called, state and history rows written, one audit entry.
 */
@Injectable()
export class CertificationService {
  private readonly logger = new Logger(CertificationService.name);
  private caseNumberResolver: CaseNumberResolver | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly officers: OfficersService,
    private readonly writes: CertificationAdjudication,
    private readonly clock: Clock,
    @Inject(CERTIFICATION_RULES) private readonly rules: CertificationRules,
  ) {}

  /** 201 certified, or 422 CERTIFICATION.NOT_ELIGIBLE with every unmet reason (c. 6E §4(f)(1)). */
  certify(actor: Actor, postId: string, request: CertifyRequest): Promise<CertificationView & { warnings: InitialEligibilityWarning[] }> {
    return this.dataSource.transaction(async (manager) => {
      const officer = await this.officers.requireByPostId(postId, manager);
      const { warnings } = await this.writes.certify(manager, actor, officer, request);
      return { ...(await this.viewIn(manager, officer)), warnings };
    });
  }

  /** A new term when the current term's in-service hours are met (c. 6E §4(f)(3)), else 422 in_service_hours_short. */
  renew(actor: Actor, postId: string): Promise<CertificationView> {
    return this.dataSource.transaction(async (manager) => {
      const officer = await this.officers.requireByPostId(postId, manager);
      await this.writes.renew(manager, actor, officer);
      return this.viewIn(manager, officer);
    });
  }

  /** The adjudicator's transitions outside cases (API.md …/certification/transitions). */
  transition(actor: Actor, postId: string, request: TransitionRequest): Promise<CertificationView> {
    return this.dataSource.transaction(async (manager) => {
      const officer = await this.officers.requireByPostId(postId, manager);
      await this.writes.transition(manager, actor, officer, request);
      return this.viewIn(manager, officer);
    });
  }

  /**
   * Commission roles see every certification; an agency only those of officers it employs
   * or employed; anyone else the same 404 as for an unknown POST ID, the refusal audited
   * (OfficersService.requireVisibleByPostId, the one rule for the officer's record).
   */
  async get(actor: Actor, postId: string): Promise<CertificationView> {
    const officer = await this.officers.requireVisibleByPostId(actor, postId);
    return this.viewIn(this.dataSource.manager, officer);
  }

  /**
   * Inside the caller's transaction: locks the officer's certification row, applies the
   * case's effect, writes history rows naming the case. Throws the domain's
   * RuleViolationError (IllegalCertificationTransitionError) when illegal. An effect that
   * finds nothing of this case left to undo changes nothing and returns from === to.
   */
  async applyCaseEffect(
    manager: EntityManager,
    actor: Actor,
    officerId: string,
    caseId: string,
    effect: CaseCertificationEffect,
    today: string,
  ): Promise<{ from: CertificationStatus; to: CertificationStatus }> {
    const row = await lockOrCreateCertification(manager, officerId);
    const state = toState(row);
    const command = caseEffectCommand(state, caseId, effect, today);
    if (command === null) {
      const unchanged = effectiveStatus(state, today);
      return { from: unchanged, to: unchanged };
    }
    const officer = await manager.findOneByOrFail(OfficerEntity, { id: officerId });
    const transition = transitionCertification(state, command, this.context(today, officer.dateOfBirth));
    const own = transition.history[transition.history.length - 1];
    // The case knows its legal basis (e.g. §10(a) mandatory vs §10(b) discretionary revocation).
    if (effect.basis.trim() !== '') own.basis = effect.basis;
    await saveTransition(manager, row, transition.next, transition.history, {
      actorId: actor.id,
      recordedAt: this.clock.now(),
      systemRows: transition.history.length - 1,
    });
    await this.audit.record(manager, actor, {
      action: `certification.case_${effect.type}`,
      entityType: 'certification',
      entityId: officerId,
      details: { caseId, from: own.from, to: own.to, reason: own.reason, basis: own.basis, effectiveOn: today, endsOn: effect.endsOn ?? null },
    });
    return { from: own.from, to: own.to };
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

  /**
   * The settlement job's work (hourly): records what time did by `today` (terms that ended, fixed-term
   * suspensions that ran out), each certification in its own short transaction with its
   * row locked, so one failure does not hold back the rest. Idempotent: a row settled
   * meanwhile (by a request or another process) is left alone.
   */
  async settleDue(today: IsoDate = this.clock.today()): Promise<{ settled: number; failed: number }> {
    let settled = 0;
    let failed = 0;
    for (let after: string | null = null; ; ) {
      const due = await dueForSettlement(this.dataSource.manager, today, after, SETTLEMENT_PAGE);
      for (const officerId of due) {
        try {
          if (await this.settleOne(officerId, today)) settled++;
        } catch (error) {
          failed++;
          this.logger.error({ err: error, officerId }, 'certification settlement failed');
        }
      }
      if (due.length < SETTLEMENT_PAGE) return { settled, failed };
      after = due[due.length - 1];
    }
  }

  /** libs/discipline registers how to turn case ids into case numbers for the history view. */
  registerCaseNumberResolver(resolver: CaseNumberResolver): void {
    this.caseNumberResolver = resolver;
  }

  private settleOne(officerId: string, today: IsoDate): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const row = await lockCertification(manager, officerId);
      if (!row) return false;
      const { next, history } = settleCertification(toState(row), today);
      if (history.length === 0) return false;
      await saveTransition(manager, row, next, history, { actorId: SYSTEM_ACTOR_ID, recordedAt: this.clock.now(), systemRows: history.length });
      await this.audit.record(manager, null, {
        action: 'certification.settle',
        entityType: 'certification',
        entityId: officerId,
        details: { changes: history.map((h) => ({ from: h.from, to: h.to, reason: h.reason, effectiveOn: h.effectiveOn, caseId: h.caseId ?? null })) },
      });
      return true;
    });
  }

  private async viewIn(manager: EntityManager, officer: { id: string; postId: string }): Promise<CertificationView> {
    const row = await manager.findOneBy(CertificationEntity, { officerId: officer.id });
    const history = await historyOf(manager, officer.id);
    return buildCertificationView(manager, officer, row, history, this.clock.today(), this.caseNumberResolver);
  }

  private context(today: IsoDate, dateOfBirth: IsoDate): CertificationContext {
    return { today, termYears: this.rules.termYears, expiryAlignment: this.rules.expiryAlignment, dateOfBirth };
  }
}

function verdictOf(stored: StoredCertification | undefined, today: string): HireabilityVerdict {
  return stored
    ? hireabilityVerdict(stored.state, stored.facts, today)
    : hireabilityVerdict(notCertifiedState(), { firstCertifiedOn: null, statusSince: null, everRelinquished: false }, today);
}
