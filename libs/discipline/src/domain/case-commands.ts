import { IsoDate, Role } from '@app/core';
import { AppealOutcome, CaseAction, CaseStatus, InterimHearingOutcome, InterimSuspensionTrigger, ProposableSanction, Sanction } from './case-status';
import { CaseState, Finding } from './case-state';

/** An action on a case with its payload (API.md `POST /cases/:id/actions`), discriminated on `action`. */
export type CaseCommand =
  | { action: 'interim_suspend'; trigger: InterimSuspensionTrigger; reason: string }
  | {
      action: 'record_interim_hearing';
      requestedOn?: IsoDate;
      /** The officer asked for the hearing to be held sooner than INTERIM_HEARING_MIN_DAYS after the suspension. */
      earlierHearingRequested?: boolean;
      heldOn?: IsoDate;
      waived?: boolean;
      outcome: InterimHearingOutcome;
    }
  | { action: 'issue_notice'; proposedSanction: ProposableSanction; responseDueOn: IsoDate }
  | { action: 'record_response'; summary: string; hearingRequested: boolean; waivesHearing?: boolean }
  | { action: 'schedule_hearing'; hearingOn: IsoDate }
  | { action: 'record_hearing'; heldOn: IsoDate; summary: string }
  | { action: 'decide'; sanction: Sanction; findings: Finding[]; reasoning: string; suspensionDays?: number }
  | { action: 'appeal'; filedOn: IsoDate; forum: string; stayed?: boolean }
  | { action: 'resolve_appeal'; outcome: AppealOutcome; summary: string }
  | { action: 'finalize'; appealWaived?: boolean }
  | { action: 'dismiss'; reason: string };

export type CaseCommandOf<A extends CaseAction> = Extract<CaseCommand, { action: A }>;
export type CasePayloadOf<A extends CaseAction> = Omit<CaseCommandOf<A>, 'action'>;

/** The due-process clocks (API.md environment), in calendar days. */
export interface CaseClockConfig {
  /** NOTICE_MIN_DAYS: the least time the officer gets to answer a notice. */
  noticeMinDays: number;
  /** APPEAL_WINDOW_DAYS: c. 30A §14(1), 30 days to seek judicial review. */
  appealWindowDays: number;
  /** INTERIM_HEARING_REQUEST_DAYS: c. 6E §9, time to ask for a hearing on an interim suspension. */
  interimHearingRequestDays: number;
  /** INTERIM_HEARING_MAX_DAYS: c. 6E §9, latest day for a requested interim hearing. */
  interimHearingMaxDays: number;
}

export const DEFAULT_CASE_CLOCKS: Readonly<CaseClockConfig> = {
  noticeMinDays: 14,
  appealWindowDays: 30,
  interimHearingRequestDays: 5,
  interimHearingMaxDays: 15,
};

export interface CaseContext {
  /** The commission's calendar date, from the injected clock. */
  today: IsoDate;
  actorRoles: readonly Role[];
  config: CaseClockConfig;
  /** The client's `expectedVersion`; when given, a stale one is refused with a 409 before any rule runs. */
  expectedVersion?: number;
}

/** Why the certification changes; the certification module writes it into its history row. */
export type CertificationEffectReason =
  | 'interim_suspension'
  | 'interim_suspension_lifted'
  | 'decision'
  | 'decision_without_suspension'
  | 'dismissal'
  | 'appeal_stayed'
  | 'appeal_upheld'
  | 'appeal_reversed';

interface EffectBase {
  reason: CertificationEffectReason;
  /** Legal basis for the history row, e.g. `c. 6E §9`. */
  basis: string;
}

/**
 * What the certification module must do, in the same transaction as the case change.
 * - `suspend`: to `suspended`; `endsOn` null for an interim suspension (until lifted or decided).
 * - `revoke`: to `revoked` (also from `relinquished`, DOMAIN.md).
 * - `lift_suspension`: an interim suspension ends; back to the status it interrupted.
 * - `reverse_decision`: the decision's revocation or suspension is undone; back to the status
 *   the certification had before this case suspended or revoked it.
 * An effect that finds nothing to undo (a suspension already run out) changes no status.
 */
export type CertificationEffect =
  | (EffectBase & { type: 'suspend'; endsOn: IsoDate | null })
  | (EffectBase & { type: 'revoke' })
  | (EffectBase & { type: 'lift_suspension' })
  | (EffectBase & { type: 'reverse_decision' });

/** The timeline row of one action. */
export type CaseEvent = {
  [A in CaseAction]: {
    action: A;
    payload: CasePayloadOf<A>;
    fromStatus: CaseStatus;
    toStatus: CaseStatus;
    occurredOn: IsoDate;
  };
}[CaseAction];

export interface CaseTransition {
  next: CaseState;
  effects: CertificationEffect[];
  event: CaseEvent;
}
