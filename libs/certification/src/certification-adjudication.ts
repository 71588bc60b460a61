import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { Actor, Clock, IsoDate } from '@app/core';
import { TrainingFactsService } from '@app/training';
import type { EntityManager } from 'typeorm';
import { CERTIFICATION_RULES } from './certification-rules';
import type { CertificationRules } from './certification-rules';
import { effectiveDateRefused, invalidTransitionRequest } from './certification.service-errors';
import {
  ADMIN_SUSPENSION_REASONS,
  AdminSuspensionReason,
  assertEligibleForCertification,
  assertRenewable,
  CertificationCommand,
  CertificationContext,
  CertificationTransition,
  checkInitialEligibility,
  checkRenewal,
  InitialEligibilityWarning,
  settleCertification,
  transitionCertification,
} from './domain';
import type { CertificationHistoryEntity } from './persistence/certification-history.entity';
import type { CertificationEntity } from './persistence/certification.entity';
import { historyOf, lockOrCreateCertification, saveTransition, toState } from './persistence/certification.store';
import { RelinquishmentDisclosureEntity } from './persistence/relinquishment-disclosure.entity';

/** The adjudicator's transitions outside cases (API.md `…/certification/transitions`). */
export const CERTIFICATION_TRANSITION_ACTIONS = [
  'inactivate',
  'reactivate',
  'admin_suspend',
  'lift_admin_suspension',
  'accept_relinquishment',
] as const;
export type CertificationTransitionAction = (typeof CERTIFICATION_TRANSITION_ACTIONS)[number];

export const MAX_DISCLOSURES_LENGTH = 10_000;

export interface CertifyRequest {
  effectiveOn?: IsoDate;
  /** The commission's own findings (DOMAIN.md): recorded in the audit entry, not computed. */
  backgroundCheckAttested?: boolean;
  fitnessAttested?: boolean;
}

export interface TransitionRequest {
  action: CertificationTransitionAction;
  /** `admin_suspend`: `in_service_training` | `failure_to_report`; otherwise the stated reason. */
  reason?: string;
  effectiveOn?: IsoDate;
  /** `accept_relinquishment` only; restricted: stored apart, never returned, logged or audited. */
  disclosures?: string;
}

interface OfficerFacts {
  id: string;
  postId: string;
  dateOfBirth: IsoDate;
}

/**
 * The adjudicator's writes, inside the transaction CertificationService opened: lock the
 * row, call the pure rules, persist, audit.
 */
@Injectable()
export class CertificationAdjudication {
  constructor(
    private readonly audit: AuditService,
    private readonly training: TrainingFactsService,
    private readonly clock: Clock,
    @Inject(CERTIFICATION_RULES) private readonly rules: CertificationRules,
  ) {}

  async certify(manager: EntityManager, actor: Actor, officer: OfficerFacts, request: CertifyRequest): Promise<{ warnings: InitialEligibilityWarning[] }> {
    const row = await lockOrCreateCertification(manager, officer.id);
    const history = await historyOf(manager, officer.id);
    const effectiveOn = this.effectiveOn(request.effectiveOn, history);
    const state = toState(row);
    const eligibility = checkInitialEligibility({
      certification: state,
      history: history.map((entry) => ({ to: entry.toStatus })),
      dateOfBirth: officer.dateOfBirth,
      completions: await this.training.completionFacts(manager, officer.id),
      effectiveOn,
      minimumAge: this.rules.minAge,
    });
    assertEligibleForCertification(eligibility);
    const transition = transitionCertification(state, { type: 'certify' }, this.context(effectiveOn, officer.dateOfBirth));
    await this.commit(manager, actor, officer, row, transition, 'certification.certify', {
      warnings: eligibility.warnings,
      backgroundCheckAttested: request.backgroundCheckAttested ?? null,
      fitnessAttested: request.fitnessAttested ?? null,
    });
    return { warnings: eligibility.warnings };
  }

  async renew(manager: EntityManager, actor: Actor, officer: OfficerFacts): Promise<void> {
    const row = await lockOrCreateCertification(manager, officer.id);
    const today = this.clock.today();
    const state = toState(row);
    // Refusals of the status itself (not certified, already renewed) come before the hours.
    const transition = transitionCertification(state, { type: 'renew' }, this.context(today, officer.dateOfBirth));
    const term = settleCertification(state, today).next;
    if (term.issuedOn === null || term.expiresOn === null) throw new Error('Invariant: a renewable certification has a term.');
    const check = checkRenewal({
      term: { issuedOn: term.issuedOn, expiresOn: term.expiresOn },
      completions: await this.training.completionFacts(manager, officer.id),
      termYears: this.rules.termYears,
      inServiceHoursPerYear: this.rules.inServiceHoursPerYear,
    });
    assertRenewable(check);
    await this.commit(manager, actor, officer, row, transition, 'certification.renew', {
      hoursFound: check.hoursFound,
      hoursRequired: check.hoursRequired,
    });
  }

  async transition(manager: EntityManager, actor: Actor, officer: OfficerFacts, request: TransitionRequest): Promise<void> {
    const command = commandFor(request);
    const row = await lockOrCreateCertification(manager, officer.id);
    const effectiveOn = this.effectiveOn(request.effectiveOn, await historyOf(manager, officer.id));
    const transition = transitionCertification(toState(row), command, this.context(effectiveOn, officer.dateOfBirth));
    if (command.type === 'accept_relinquishment') {
      await manager.insert(RelinquishmentDisclosureEntity, {
        officerId: officer.id,
        disclosures: command.disclosures,
        recordedBy: actor.id,
        recordedAt: this.clock.now(),
      });
    }
    // The audit entry says that disclosures were recorded, never what they say.
    const extra = command.type === 'accept_relinquishment' ? { disclosuresRecorded: true } : {};
    await this.commit(manager, actor, officer, row, transition, `certification.${request.action}`, extra);
  }

  private async commit(
    manager: EntityManager,
    actor: Actor,
    officer: OfficerFacts,
    row: CertificationEntity,
    transition: CertificationTransition,
    action: string,
    extra: Record<string, unknown>,
  ): Promise<void> {
    const own = transition.history[transition.history.length - 1];
    await saveTransition(manager, row, transition.next, transition.history, {
      actorId: actor.id,
      recordedAt: this.clock.now(),
      systemRows: transition.history.length - 1,
    });
    await this.audit.record(manager, actor, {
      action,
      entityType: 'certification',
      entityId: officer.id,
      details: {
        postId: officer.postId,
        from: own.from,
        to: own.to,
        reason: own.reason,
        effectiveOn: own.effectiveOn,
        issuedOn: transition.next.issuedOn,
        expiresOn: transition.next.expiresOn,
        ...extra,
      },
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

  private context(today: IsoDate, dateOfBirth: IsoDate): CertificationContext {
    return { today, termYears: this.rules.termYears, expiryAlignment: this.rules.expiryAlignment, dateOfBirth };
  }
}

/** The request as a state-machine command; the DTO validates too, this guards other callers. */
function commandFor(request: TransitionRequest): CertificationCommand {
  const reason = request.reason?.trim() || undefined;
  if (request.action !== 'accept_relinquishment' && request.disclosures !== undefined) {
    throw invalidTransitionRequest('disclosures', 'disclosures are accepted only with accept_relinquishment');
  }
  switch (request.action) {
    case 'admin_suspend':
      if (!(ADMIN_SUSPENSION_REASONS as readonly string[]).includes(reason ?? '')) {
        throw invalidTransitionRequest('reason', `reason must be one of ${ADMIN_SUSPENSION_REASONS.join(', ')}`);
      }
      return { type: 'admin_suspend', reason: reason as AdminSuspensionReason };
    case 'accept_relinquishment': {
      const disclosures = request.disclosures ?? '';
      if (disclosures.trim() === '' || disclosures.length > MAX_DISCLOSURES_LENGTH) {
        throw invalidTransitionRequest('disclosures', `disclosures must be 1 to ${MAX_DISCLOSURES_LENGTH} characters`);
      }
      return { type: 'accept_relinquishment', disclosures, reason };
    }
    case 'inactivate':
    case 'reactivate':
    case 'lift_admin_suspension':
      return { type: request.action, reason };
    default:
      throw invalidTransitionRequest('action', `action must be one of ${CERTIFICATION_TRANSITION_ACTIONS.join(', ')}`);
  }
}
