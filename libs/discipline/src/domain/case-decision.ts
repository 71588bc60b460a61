import { addDays, IsoDate } from '@app/core';
import { CaseCommandOf, CaseContext, CertificationEffect } from './case-commands';
import { ActionOutcome, isAfter, Refusals } from './case-guards';
import { endInterimSuspension, liftEffectsOnEnd } from './case-interim';
import { CaseGround, CaseState, DecisionState, Finding } from './case-state';
import { requiredStandardOfProof } from './standard-of-proof';

/**
 * Bound on a decided suspension. Not law: a longer suspension outlasts several certification
 * terms (c. 6E §4(f)(3)) and would be a revocation in all but name.
 */
export const MAX_SUSPENSION_DAYS = 3650;

/**
 * c. 6E §10 with c. 30A §11(8): a decision after notice and an opportunity to be heard, with a
 * finding on every ground and a statement of reasons. Every unmet rule is reported at once.
 *
 * Interim suspension (c. 6E §9 lasts "until the final decision"): a `revoke` or `suspend`
 * decision replaces it with its own effect; every other decision (`retrain`, `reprimand`,
 * `no_action`) lifts it, because nothing decided keeps the officer off duty.
 */
export function decide(state: CaseState, command: CaseCommandOf<'decide'>, context: CaseContext): ActionOutcome {
  const refusals = new Refusals('decide');
  if (state.status === 'notice_issued') checkDecisionWithoutHearing(state, context, refusals);
  const sustainedGrounds = checkFindings(state.grounds, command.findings, refusals);
  checkSanction(command, sustainedGrounds, refusals);
  refusals.when(typeof command.reasoning !== 'string' || command.reasoning.trim() === '', 'reasoning_required');
  refusals.throwIfAny();

  const decision: DecisionState = {
    sanction: command.sanction,
    findings: command.findings.map((finding) => ({ ground: finding.ground, sustained: finding.sustained })),
    standardOfProof: requiredStandardOfProof(sustainedGrounds),
    suspensionDays: command.sanction === 'suspend' ? (command.suspensionDays ?? null) : null,
    decidedOn: context.today,
  };
  const effects = decisionEffects(state, decision, sustainedGrounds);
  const next = endInterimSuspension({ ...state, status: 'decided', decision }, context.today, 'decision');
  return { next, effects };
}

/**
 * Deciding without a hearing is fair only when the officer had the chance and let it go: the
 * response window closed with no hearing requested, or the officer waived the hearing.
 */
function checkDecisionWithoutHearing(state: CaseState, context: CaseContext, refusals: Refusals): void {
  if (state.response?.waivesHearing) return;
  refusals.when(state.response?.hearingRequested === true, 'hearing_requested');
  const responseDueOn = state.notice?.responseDueOn;
  if (responseDueOn === undefined || !isAfter(context.today, responseDueOn)) {
    refusals.add('response_window_open', { responseDueOn });
  }
}

/** Exactly one finding per ground of the case; returns the grounds found sustained. */
function checkFindings(grounds: readonly CaseGround[], findings: readonly Finding[], refusals: Refusals): CaseGround[] {
  const caseCodes = new Set(grounds.map((ground) => ground.code));
  const count = new Map<string, number>();
  for (const finding of findings) count.set(finding.ground, (count.get(finding.ground) ?? 0) + 1);

  const missing = grounds.filter((ground) => !count.has(ground.code)).map((ground) => ground.code);
  const unknown = [...count.keys()].filter((code) => !caseCodes.has(code));
  const duplicated = [...count.entries()].filter(([code, n]) => n > 1 && caseCodes.has(code)).map(([code]) => code);
  refusals.when(missing.length > 0, 'finding_missing', { missingFindings: missing });
  refusals.when(unknown.length > 0, 'finding_for_unknown_ground', { unknownGrounds: unknown });
  refusals.when(duplicated.length > 0, 'finding_duplicated', { duplicatedFindings: duplicated });

  const sustainedCodes = new Set(findings.filter((finding) => finding.sustained).map((finding) => finding.ground));
  return grounds.filter((ground) => sustainedCodes.has(ground.code));
}

function checkSanction(command: CaseCommandOf<'decide'>, sustainedGrounds: readonly CaseGround[], refusals: Refusals): void {
  const { sanction, suspensionDays } = command;
  // c. 6E §10(a): "shall ... revoke": a sustained mandatory ground removes all discretion.
  const mandatory = sustainedGrounds.filter((ground) => ground.mandatory).map((ground) => ground.code);
  refusals.when(mandatory.length > 0 && sanction !== 'revoke', 'mandatory_ground_requires_revocation', {
    mandatoryGrounds: mandatory,
  });
  // A sanction rests on a sustained ground; with none sustained only `no_action` is open.
  refusals.when(sanction !== 'no_action' && sustainedGrounds.length === 0, 'sanction_requires_sustained_finding');
  if (sanction === 'suspend') {
    if (suspensionDays === undefined || suspensionDays === null) refusals.add('suspension_days_required');
    else
      refusals.when(!Number.isInteger(suspensionDays) || suspensionDays < 1 || suspensionDays > MAX_SUSPENSION_DAYS, 'suspension_days_out_of_range', {
        minSuspensionDays: 1,
        maxSuspensionDays: MAX_SUSPENSION_DAYS,
      });
  } else {
    refusals.when(suspensionDays !== undefined && suspensionDays !== null, 'suspension_days_not_allowed');
  }
}

function decisionEffects(state: CaseState, decision: DecisionState, sustainedGrounds: readonly CaseGround[]): CertificationEffect[] {
  const basis = decision.sanction === 'revoke' && sustainedGrounds.some((ground) => ground.mandatory) ? 'c. 6E §10(a)' : 'c. 6E §10(b)';
  const effect = sanctionEffect(decision, decision.decidedOn, 'decision', basis);
  return effect ? [effect] : liftEffectsOnEnd(state, 'decision_without_suspension');
}

/**
 * The certification effect of a decided sanction taking effect on `startsOn` (the decision day,
 * or the day a stayed decision is upheld); `null` for sanctions that leave the certification
 * alone. A suspension runs `suspensionDays` from then; time served under an interim suspension
 * is not credited here, the commission sets the days knowing it.
 */
export function sanctionEffect(
  decision: Pick<DecisionState, 'sanction' | 'suspensionDays'>,
  startsOn: IsoDate,
  reason: 'decision' | 'appeal_upheld',
  basis: string,
): CertificationEffect | null {
  switch (decision.sanction) {
    case 'revoke':
      return { type: 'revoke', reason, basis };
    case 'suspend':
      if (decision.suspensionDays === null) throw new Error('Invariant: a suspension decision carries its days.');
      return { type: 'suspend', endsOn: addDays(startsOn, decision.suspensionDays), reason, basis };
    default:
      return null;
  }
}
