import { IsoDate } from '@app/core';
import { AppealOutcome, CaseStatus, InterimHearingOutcome, InterimSuspensionTrigger, ProposableSanction, Sanction } from './case-status';
import { caseRuleRefused, CaseRefusalReason } from './discipline.errors';
import { StandardOfProof } from './standard-of-proof';

/** A ground the case is brought on, copied from the grounds table when the case opens. */
export interface CaseGround {
  code: string;
  /** c. 6E §10(a): a sustained mandatory ground leaves revocation as the only sanction. */
  mandatory: boolean;
  standardOfProof: StandardOfProof;
}

export type InterimSuspensionEnd = 'lifted' | 'decision' | 'dismissal';

/** c. 6E §9 interim suspension; a case has at most one, so `null` means "never used". */
export interface InterimSuspensionState {
  trigger: InterimSuspensionTrigger;
  reason: string;
  /** The day it took effect; the §9 hearing clocks run from here. */
  suspendedOn: IsoDate;
  hearingRequestedOn: IsoDate | null;
  /** The officer asked for a hearing sooner than INTERIM_HEARING_MIN_DAYS (absent on cases recorded before the rule). */
  earlierHearingRequested?: boolean;
  hearingWaived: boolean;
  hearingHeldOn: IsoDate | null;
  /** Outcome of the last recorded interim hearing, `null` until one is recorded. */
  outcome: InterimHearingOutcome | null;
  /** When and why it stopped binding the certification; `null` while in force. */
  endedOn: IsoDate | null;
  endedBy: InterimSuspensionEnd | null;
}

export interface NoticeState {
  issuedOn: IsoDate;
  proposedSanction: ProposableSanction;
  responseDueOn: IsoDate;
}

export interface ResponseState {
  recordedOn: IsoDate;
  hearingRequested: boolean;
  waivesHearing: boolean;
}

export interface HearingState {
  hearingOn: IsoDate;
  heldOn: IsoDate | null;
}

export interface Finding {
  ground: string;
  sustained: boolean;
}

export interface DecisionState {
  sanction: Sanction;
  findings: Finding[];
  /** Derived, never chosen: the strictest standard among the sustained grounds. */
  standardOfProof: StandardOfProof;
  suspensionDays: number | null;
  decidedOn: IsoDate;
}

export interface AppealState {
  filedOn: IsoDate;
  forum: string;
  /** c. 30A §14(3): the decision stays in effect unless the court or the commission stays it. */
  stayed: boolean;
  outcome: AppealOutcome | null;
  resolvedOn: IsoDate | null;
}

export interface FinalizationState {
  finalizedOn: IsoDate;
  appealWaived: boolean;
}

export interface DismissalState {
  dismissedOn: IsoDate;
  reason: string;
}

/** Everything the workflow needs to know about a case; the service maps it to and from rows. */
export interface CaseState {
  status: CaseStatus;
  version: number;
  grounds: CaseGround[];
  interimSuspension: InterimSuspensionState | null;
  notice: NoticeState | null;
  response: ResponseState | null;
  hearing: HearingState | null;
  decision: DecisionState | null;
  appeal: AppealState | null;
  finalization: FinalizationState | null;
  dismissal: DismissalState | null;
}

export const INITIAL_CASE_VERSION = 1;

/** A new case in `open`; refuses a case without grounds or with a ground listed twice. */
export function openCase(grounds: readonly CaseGround[]): CaseState {
  const refusals: CaseRefusalReason[] = [];
  const codes = grounds.map((ground) => ground.code);
  const duplicated = codes.filter((code, index) => codes.indexOf(code) !== index);
  if (grounds.length === 0) refusals.push('grounds_required');
  if (duplicated.length > 0) refusals.push('ground_duplicated');
  if (refusals.length > 0) {
    const details = duplicated.length > 0 ? { duplicatedGrounds: [...new Set(duplicated)] } : {};
    throw caseRuleRefused('open_case', refusals, details);
  }
  return {
    status: 'open',
    version: INITIAL_CASE_VERSION,
    grounds: grounds.map((ground) => ({ ...ground })),
    interimSuspension: null,
    notice: null,
    response: null,
    hearing: null,
    decision: null,
    appeal: null,
    finalization: null,
    dismissal: null,
  };
}

/** In force: imposed and not yet ended by a lifting, a decision or a dismissal. */
export function isInterimSuspensionActive(state: CaseState): boolean {
  return state.interimSuspension !== null && state.interimSuspension.endedOn === null;
}
