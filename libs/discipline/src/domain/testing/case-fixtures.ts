/** Test data for the case workflow specs: consistent states per status and a valid command per action. */
import { addDays, DomainError, IsoDate, Role } from '@app/core';
import { CaseCommandOf, CaseContext, DEFAULT_CASE_CLOCKS } from '../case-commands';
import { CaseGround, CaseState, InterimSuspensionState, openCase } from '../case-state';
import { CaseAction, CaseStatus } from '../case-status';
import { transitionCase } from '../case-workflow';

/** A Tuesday. */
export const TODAY: IsoDate = '2026-03-10';
export const day = (offset: number): IsoDate => addDays(TODAY, offset);

export const MANDATORY: CaseGround = { code: 'felony_conviction', mandatory: true, standardOfProof: 'clear_and_convincing' };
export const DISCRETIONARY: CaseGround = {
  code: 'unprofessional_conduct_pattern',
  mandatory: false,
  standardOfProof: 'preponderance',
};
/** A discretionary ground whose row asks for the stricter standard (another state's rule, say). */
export const STRICT_DISCRETIONARY: CaseGround = {
  code: 'sustained_complaints_pattern',
  mandatory: false,
  standardOfProof: 'clear_and_convincing',
};

export const BOTH_COMMISSION_ROLES: Role[] = ['commission_investigator', 'commission_adjudicator'];

export function context(overrides: Partial<CaseContext> = {}): CaseContext {
  return { today: TODAY, actorRoles: BOTH_COMMISSION_ROLES, config: { ...DEFAULT_CASE_CLOCKS }, ...overrides };
}

export function activeInterim(overrides: Partial<InterimSuspensionState> = {}): InterimSuspensionState {
  return {
    trigger: 'felony_arrest',
    reason: 'Arrested on a felony warrant',
    suspendedOn: day(-3),
    hearingRequestedOn: null,
    hearingWaived: false,
    hearingHeldOn: null,
    outcome: null,
    endedOn: null,
    endedBy: null,
    ...overrides,
  };
}

/**
 * A case that reached `status` the ordinary way, with dates that let every action legal in
 * that status pass its rules (response window closed, appeal window passed, ...).
 */
export function caseIn(status: CaseStatus, overrides: Partial<CaseState> = {}): CaseState {
  const state: CaseState = { ...openCase([DISCRETIONARY]), version: 7 };
  const reached = (...statuses: CaseStatus[]) => statuses.includes(status);
  if (reached('notice_issued', 'hearing_scheduled', 'heard', 'decided', 'appealed', 'final', 'reversed')) {
    state.notice = { issuedOn: day(-60), proposedSanction: 'suspend', responseDueOn: day(-45) };
  }
  if (reached('hearing_scheduled', 'heard', 'decided', 'appealed', 'final', 'reversed')) {
    state.response = { recordedOn: day(-50), hearingRequested: true, waivesHearing: false };
    state.hearing = { hearingOn: reached('hearing_scheduled') ? day(5) : day(-42), heldOn: null };
  }
  if (reached('heard', 'decided', 'appealed', 'final', 'reversed')) {
    state.hearing = { hearingOn: day(-42), heldOn: day(-42) };
  }
  if (reached('decided', 'appealed', 'final', 'reversed')) {
    state.decision = {
      sanction: 'suspend',
      findings: [{ ground: DISCRETIONARY.code, sustained: true }],
      standardOfProof: 'preponderance',
      suspensionDays: 90,
      decidedOn: day(-40),
    };
  }
  if (reached('appealed', 'reversed')) {
    state.appeal = { filedOn: day(-35), forum: 'Suffolk Superior Court', stayed: false, outcome: null, resolvedOn: null };
  }
  if (status === 'reversed') state.appeal = { ...state.appeal!, outcome: 'reversed', resolvedOn: day(-1) };
  if (status === 'final') state.finalization = { finalizedOn: day(-5), appealWaived: false };
  if (status === 'dismissed') state.dismissal = { dismissedOn: day(-1), reason: 'Complaint withdrawn' };
  return { ...state, status, ...overrides };
}

/** A command each action accepts on the matching `caseIn` state. */
export const VALID_COMMANDS: { [A in CaseAction]: CaseCommandOf<A> } = {
  interim_suspend: { action: 'interim_suspend', trigger: 'felony_indictment', reason: 'Indicted' },
  record_interim_hearing: { action: 'record_interim_hearing', requestedOn: day(-2), outcome: 'continued' },
  issue_notice: { action: 'issue_notice', proposedSanction: 'suspend', responseDueOn: day(14) },
  record_response: { action: 'record_response', summary: 'Denies the allegations', hearingRequested: false },
  schedule_hearing: { action: 'schedule_hearing', hearingOn: day(7) },
  record_hearing: { action: 'record_hearing', heldOn: TODAY, summary: 'Both sides heard' },
  decide: {
    action: 'decide',
    sanction: 'reprimand',
    findings: [{ ground: DISCRETIONARY.code, sustained: true }],
    reasoning: 'The pattern is proved by the agency records.',
  },
  appeal: { action: 'appeal', filedOn: TODAY, forum: 'Suffolk Superior Court' },
  resolve_appeal: { action: 'resolve_appeal', outcome: 'upheld', summary: 'Affirmed' },
  finalize: { action: 'finalize' },
  dismiss: { action: 'dismiss', reason: 'Insufficient evidence' },
};

/** `caseIn(status)` prepared for `action`: an interim hearing needs a suspension in force. */
export function stateFor(status: CaseStatus, action: CaseAction): CaseState {
  return action === 'record_interim_hearing' ? caseIn(status, { interimSuspension: activeInterim() }) : caseIn(status);
}

/** Runs `fn`, expecting a DomainError, and returns it for the assertions. */
export function errorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError, but the call succeeded');
}

/** The sorted `reasons` of the refusal the command draws. */
export function refusalReasons(state: CaseState, command: Parameters<typeof transitionCase>[1], ctx = context()): string[] {
  const error = errorOf(() => transitionCase(state, command, ctx));
  if (error.code !== 'CASE.RULE_REFUSED') throw new Error(`expected CASE.RULE_REFUSED, got ${error.code}: ${error.message}`);
  return [...(error.extensions.reasons as string[])].sort();
}
