import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { Actor, Clock, IsoDate } from '@app/core';
import { OfficersService } from '@app/officers';
import { TrainingFactsService } from '@app/training';
import { DataSource } from 'typeorm';
import { saveAndAudit } from './certification-change';
import { CERTIFICATION_TRANSITION_ACTIONS, CertifyRequest, MAX_DISCLOSURES_LENGTH, TransitionRequest } from './certification-requests';
import { CERTIFICATION_RULES, certificationContext } from './certification-rules';
import type { CertificationRules } from './certification-rules';
import { CertificationView, loadCertificationView } from './certification-view';
import { effectiveDateRefused, invalidTransitionRequest } from './domain/certification.errors';
import {
  ADMIN_SUSPENSION_REASONS,
  AdminSuspensionReason,
  assertRenewable,
  CertificationCommand,
  CertificationTransition,
  computeExpiry,
  checkInitialEligibility,
  checkRenewal,
  decideConditionalGrant,
  overdueConditions,
  InitialEligibilityWarning,
  settleCertification,
  transitionCertification,
} from './domain';
import type { CertificationHistoryEntity } from './persistence/certification-history.entity';
import { conditionsOf, insertConditions, supersedeOpenConditions } from './persistence/certification-condition.store';
import { historyOf, lockOrCreateCertification, toState } from './persistence/certification.store';
import { RelinquishmentDisclosureEntity } from './persistence/relinquishment-disclosure.entity';

/**
 * The adjudicator's decisions outside cases (API.md `…/certification`, DOMAIN.md
 * "Certification"). Each is one transaction that reads top to bottom: the officer, the
 * certification row locked (SELECT … FOR UPDATE, so a case decision or a hire on the same
 * officer is ordered before or after it), the pure rules, the state and history written with
 * one audit entry, and the certification as it now reads.
 */
@Injectable()
export class CertificationDecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly officers: OfficersService,
    private readonly training: TrainingFactsService,
    private readonly clock: Clock,
    @Inject(CERTIFICATION_RULES) private readonly rules: CertificationRules,
  ) {}

  /**
   * 201 certified, or 422 CERTIFICATION.NOT_ELIGIBLE with every unmet reason (c. 6E §4(f)(1)).
   * With conditions (555 CMR 7.04, 9.10) the grant may stand in for the requirements a condition
   * covers (decideConditionalGrant); the earlier grants' open conditions are superseded.
   */
  certify(actor: Actor, postId: string, request: CertifyRequest): Promise<CertificationView & { warnings: InitialEligibilityWarning[] }> {
    return this.dataSource.transaction(async (manager) => {
      const officer = await this.officers.requireByPostId(postId, manager);
      const row = await lockOrCreateCertification(manager, officer.id);
      const history = await historyOf(manager, officer.id);
      const effectiveOn = this.effectiveOn(request.effectiveOn, history);
      const state = toState(row);
      const eligibility = checkInitialEligibility({
        certification: state,
        history: history.map((entry) => ({ to: entry.toStatus, effectiveOn: entry.effectiveOn })),
        dateOfBirth: officer.dateOfBirth,
        completions: await this.training.completionFacts(manager, officer.id),
        effectiveOn,
        minimumAge: this.rules.minAge,
        termYears: this.rules.termYears,
        inServiceHoursPerYear: this.rules.inServiceHoursPerYear,
      });
      const requested = request.conditions ?? [];
      const context = certificationContext(this.rules, effectiveOn, officer.dateOfBirth);
      const grant = decideConditionalGrant({
        eligibility,
        conditions: requested,
        effectiveOn,
        expiresOn: computeExpiry(effectiveOn, officer.dateOfBirth, this.rules.termYears, this.rules.expiryAlignment),
        backgroundCheckAttested: request.backgroundCheckAttested,
        fitnessAttested: request.fitnessAttested,
      });
      const transition = transitionCertification(state, { type: 'certify', conditional: requested.length > 0 }, context);
      const now = this.clock.now();
      const superseded = await supersedeOpenConditions(manager, officer.id, now);
      const conditions = await insertConditions(manager, officer.id, requested, { imposedOn: effectiveOn, imposedBy: actor.id, createdAt: now });
      await saveAndAudit(manager, this.audit, {
        row,
        transition,
        actor,
        recordedAt: this.clock.now(),
        action: 'certification.certify',
        details: {
          ...decisionDetails(officer.postId, transition),
          warnings: eligibility.warnings,
          ...(eligibility.reentryHours ? { reentryHours: eligibility.reentryHours } : {}),
          backgroundCheckAttested: request.backgroundCheckAttested ?? null,
          fitnessAttested: request.fitnessAttested ?? null,
          // The descriptions may tell of a hardship or a leave: the entry keeps what and when, not why.
          ...(conditions.length > 0 ? { conditions: conditions.map((c) => ({ id: c.id, basis: c.basis, dueOn: c.dueOn })), covers: grant.covered } : {}),
          ...(superseded.length > 0 ? { supersededConditions: superseded } : {}),
        },
      });
      return { ...(await loadCertificationView(manager, officer, this.clock.today())), warnings: eligibility.warnings };
    });
  }

  /** A new term when the current term's in-service hours are met (c. 6E §4(f)(3)), else 422 in_service_hours_short. */
  renew(actor: Actor, postId: string): Promise<CertificationView> {
    return this.dataSource.transaction(async (manager) => {
      const officer = await this.officers.requireByPostId(postId, manager);
      const row = await lockOrCreateCertification(manager, officer.id);
      const today = this.clock.today();
      const state = toState(row);
      // Refusals of the status itself (not certified, already renewed) come before the hours.
      const transition = transitionCertification(state, { type: 'renew' }, certificationContext(this.rules, today, officer.dateOfBirth));
      const term = settleCertification(state, today).next;
      if (term.issuedOn === null || term.expiresOn === null) throw new Error('Invariant: a renewable certification has a term.');
      const check = checkRenewal({
        term: { issuedOn: term.issuedOn, expiresOn: term.expiresOn },
        completions: await this.training.completionFacts(manager, officer.id),
        termYears: this.rules.termYears,
        inServiceHoursPerYear: this.rules.inServiceHoursPerYear,
      });
      assertRenewable(check);
      await saveAndAudit(manager, this.audit, {
        row,
        transition,
        actor,
        recordedAt: this.clock.now(),
        action: 'certification.renew',
        details: { ...decisionDetails(officer.postId, transition), hoursFound: check.hoursFound, hoursRequired: check.hoursRequired },
      });
      return loadCertificationView(manager, officer, today);
    });
  }

  /** inactivate, reactivate, admin_suspend, lift_admin_suspension, accept_relinquishment (API.md …/certification/transitions). */
  transition(actor: Actor, postId: string, request: TransitionRequest): Promise<CertificationView> {
    return this.dataSource.transaction(async (manager) => {
      const officer = await this.officers.requireByPostId(postId, manager);
      const row = await lockOrCreateCertification(manager, officer.id);
      const effectiveOn = this.effectiveOn(request.effectiveOn, await historyOf(manager, officer.id));
      // Judged on the effective date, with the row locked: a condition satisfied a moment ago counts.
      const overdue = overdueConditions(await conditionsOf(manager, officer.id), effectiveOn);
      const command = commandFor(request, overdue.length);
      const transition = transitionCertification(toState(row), command, certificationContext(this.rules, effectiveOn, officer.dateOfBirth));
      if (command.type === 'accept_relinquishment') {
        await manager.insert(RelinquishmentDisclosureEntity, {
          officerId: officer.id,
          disclosures: command.disclosures,
          recordedBy: actor.id,
          recordedAt: this.clock.now(),
        });
      }
      await saveAndAudit(manager, this.audit, {
        row,
        transition,
        actor,
        recordedAt: this.clock.now(),
        action: `certification.${request.action}`,
        // The audit entry says that disclosures were recorded, never what they say.
        details: {
          ...decisionDetails(officer.postId, transition),
          ...(command.type === 'accept_relinquishment' ? { disclosuresRecorded: true } : {}),
          ...(request.reason === 'condition_unmet' ? { overdueConditions: overdue } : {}),
        },
      });
      return loadCertificationView(manager, officer, this.clock.today());
    });
  }

  /**
   * The request's date or today. Backdating is allowed (a decision recorded late) but not
   * before the last recorded change, and never into the future: time would otherwise be
   * settled ahead of itself (a term "lapsed" that has not ended yet).
   */
  private effectiveOn(requested: IsoDate | undefined, history: readonly CertificationHistoryEntity[]): IsoDate {
    const today = this.clock.today();
    if (requested === undefined) return today;
    if (requested > today) throw effectiveDateRefused('effective_on_in_future', { today });
    const lastChangeOn = history.reduce<IsoDate | null>((latest, entry) => (latest === null || entry.effectiveOn > latest ? entry.effectiveOn : latest), null);
    if (lastChangeOn !== null && requested < lastChangeOn) throw effectiveDateRefused('effective_on_before_last_change', { lastChangeOn });
    return requested;
  }
}

/** What every adjudicator's decision puts in its audit entry: the command's own history row and the term it leaves. */
function decisionDetails(postId: string, transition: CertificationTransition): Record<string, unknown> {
  const own = transition.history[transition.history.length - 1];
  return {
    postId,
    from: own.from,
    to: own.to,
    reason: own.reason,
    effectiveOn: own.effectiveOn,
    issuedOn: transition.next.issuedOn,
    expiresOn: transition.next.expiresOn,
  };
}

/** The request as a state-machine command; the DTO validates too, this guards other callers. */
function commandFor(request: TransitionRequest, overdueConditions: number): CertificationCommand {
  const reason = request.reason?.trim() || undefined;
  if (request.action !== 'accept_relinquishment' && request.disclosures !== undefined) {
    throw invalidTransitionRequest('disclosures', 'disclosures are accepted only with accept_relinquishment');
  }
  switch (request.action) {
    case 'admin_suspend':
      if (!(ADMIN_SUSPENSION_REASONS as readonly string[]).includes(reason ?? '')) {
        throw invalidTransitionRequest('reason', `reason must be one of ${ADMIN_SUSPENSION_REASONS.join(', ')}`);
      }
      return { type: 'admin_suspend', reason: reason as AdminSuspensionReason, overdueConditions };
    case 'accept_relinquishment': {
      const disclosures = request.disclosures ?? '';
      if (disclosures.trim() === '' || disclosures.length > MAX_DISCLOSURES_LENGTH) {
        throw invalidTransitionRequest('disclosures', `disclosures must be 1 to ${MAX_DISCLOSURES_LENGTH} characters`);
      }
      return { type: 'accept_relinquishment', disclosures, reason };
    }
    case 'lift_admin_suspension':
      return { type: request.action, reason, overdueConditions };
    case 'inactivate':
    case 'reactivate':
      return { type: request.action, reason };
    default:
      throw invalidTransitionRequest('action', `action must be one of ${CERTIFICATION_TRANSITION_ACTIONS.join(', ')}`);
  }
}
