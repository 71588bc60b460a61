import { addDays, IsoDate } from '@app/core';
import { CaseState } from './case-state';
import { CaseStatus, isTerminalCaseStatus, Sanction } from './case-status';

/** A final order, as it is published (c. 6E §13, DOMAIN.md "What is public"). */
export interface FinalAction {
  type: 'suspension' | 'revocation' | 'retraining';
  effectiveOn: IsoDate;
  /** First day the suspension no longer applies; null for the other orders. */
  endsOn: IsoDate | null;
  groundCategory: string;
  caseNumber: string;
}

const PUBLISHED_SANCTIONS: Partial<Record<Sanction, FinalAction['type']>> = {
  revoke: 'revocation',
  suspend: 'suspension',
  retrain: 'retraining',
};

/** The sanctions whose final order is public (c. 6E §13): revocation, suspension, retraining. */
export const PUBLISHED_SANCTION_CODES = Object.keys(PUBLISHED_SANCTIONS) as Sanction[];

/** Still running, a decision awaiting finality included: what a hiring check counts as an open case. */
export function isCaseOpen(status: CaseStatus): boolean {
  return !isTerminalCaseStatus(status);
}

/**
 * A decided action not yet final (appeal window or appeal pending): the public status reads
 * `under_review` (DOMAIN.md "What is public"). Only an order that will be published once
 * final counts: a reprimand or "no action" never becomes public, so announcing it while the
 * appeal window runs would disclose a case whose findings the public must not see.
 */
export function isPublishedDecisionPending(state: Pick<CaseState, 'status' | 'decision'>): boolean {
  if (state.status !== 'decided' && state.status !== 'appealed') return false;
  return state.decision !== null && PUBLISHED_SANCTIONS[state.decision.sanction] !== undefined;
}

/** Sustained findings of a case count once the decision is final; a reversed decision counts none. */
export function sustainedFindingsOf(state: Pick<CaseState, 'status' | 'decision'>): number {
  if (state.status !== 'final' || state.decision === null) return 0;
  return state.decision.findings.filter((finding) => finding.sustained).length;
}

/**
 * The published order of a final case, or null when there is none (reprimand, no action, a
 * case not final). A stayed decision upheld on appeal took effect on the day it was upheld.
 * The ground category is the one of the first sustained mandatory ground, else the first
 * sustained ground, in the order the case listed them.
 */
export function finalActionOf(
  state: Pick<CaseState, 'status' | 'decision' | 'appeal' | 'grounds'>,
  caseNumber: string,
  categoryOf: (groundCode: string) => string,
): FinalAction | null {
  const decision = state.decision;
  if (state.status !== 'final' || decision === null) return null;
  const type = PUBLISHED_SANCTIONS[decision.sanction];
  if (!type) return null;
  const appeal = state.appeal;
  const effectiveOn = appeal?.stayed && appeal.outcome === 'upheld' && appeal.resolvedOn ? appeal.resolvedOn : decision.decidedOn;
  const sustained = new Set(decision.findings.filter((finding) => finding.sustained).map((finding) => finding.ground));
  const sustainedGrounds = state.grounds.filter((ground) => sustained.has(ground.code));
  const ground = sustainedGrounds.find((candidate) => candidate.mandatory) ?? sustainedGrounds[0];
  return {
    type,
    effectiveOn,
    endsOn: type === 'suspension' && decision.suspensionDays !== null ? addDays(effectiveOn, decision.suspensionDays) : null,
    groundCategory: ground ? categoryOf(ground.code) : 'other',
    caseNumber,
  };
}
