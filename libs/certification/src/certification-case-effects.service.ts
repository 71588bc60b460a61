import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit';
import { Actor, Clock, IsoDate } from '@app/core';
import { OfficerEntity } from '@app/officers';
import type { EntityManager } from 'typeorm';
import { saveAndAudit } from './certification-change';
import { CERTIFICATION_RULES, certificationContext } from './certification-rules';
import type { CertificationRules } from './certification-rules';
import { CaseCertificationEffect, caseEffectCommand, CertificationStatus, effectiveStatus, transitionCertification } from './domain';
import { lockOrCreateCertification, toState } from './persistence/certification.store';

/**
 * What a commission case does to the certification: suspend (c. 6E §9 interim, §10(b)
 * decided), revoke (§10), and restore (a suspension lifted, a decision reversed, c. 30A §14).
 * libs/discipline decides which, and calls this inside the case's own transaction, so the
 * case's timeline and the certification change commit together.
 */
@Injectable()
export class CertificationCaseEffectsService {
  constructor(
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(CERTIFICATION_RULES) private readonly rules: CertificationRules,
  ) {}

  /**
   * Inside the caller's transaction: locks the officer's certification row, applies the
   * case's effect, writes history rows naming the case. Throws the domain's
   * RuleViolationError (CERTIFICATION.ILLEGAL_TRANSITION) when illegal. An effect that
   * finds nothing of this case left to undo changes nothing and returns from === to.
   */
  async applyCaseEffect(
    manager: EntityManager,
    actor: Actor,
    officerId: string,
    caseId: string,
    effect: CaseCertificationEffect,
    today: IsoDate,
  ): Promise<{ from: CertificationStatus; to: CertificationStatus }> {
    const row = await lockOrCreateCertification(manager, officerId);
    const state = toState(row);
    const command = caseEffectCommand(state, caseId, effect, today);
    if (command === null) {
      const unchanged = effectiveStatus(state, today);
      return { from: unchanged, to: unchanged };
    }
    const officer = await manager.findOneByOrFail(OfficerEntity, { id: officerId });
    const transition = transitionCertification(state, command, certificationContext(this.rules, today, officer.dateOfBirth));
    const own = transition.history[transition.history.length - 1];
    // The case knows its legal basis (e.g. §10(a) mandatory vs §10(b) discretionary revocation).
    if (effect.basis.trim() !== '') own.basis = effect.basis;
    await saveAndAudit(manager, this.audit, {
      row,
      transition,
      actor,
      recordedAt: this.clock.now(),
      action: `certification.case_${effect.type}`,
      details: { caseId, from: own.from, to: own.to, reason: own.reason, basis: own.basis, effectiveOn: today, endsOn: effect.endsOn ?? null },
    });
    return { from: own.from, to: own.to };
  }
}
