import { IsoDate } from '@app/core';
import { appealWindowEndsOn } from './case-appeal';
import { CaseClockConfig } from './case-commands';
import { interimHearingDeadlines } from './case-interim';
import { CaseState } from './case-state';
import { CaseStatus } from './case-status';

/** The clocks of a case the commission must act on (the work queue's `case_deadline` reasons). */
export const CASE_CLOCKS = ['response_due', 'hearing', 'interim_hearing', 'appeal_window'] as const;
export type CaseClock = (typeof CASE_CLOCKS)[number];

/** Statuses in which a case is still before the commission (an interim hearing can fall due in any of them). */
export const PENDING_CASE_STATUSES: readonly CaseStatus[] = ['open', 'notice_issued', 'hearing_scheduled', 'heard', 'decided', 'appealed'];

/**
 * The days a case's running clocks fall due (DOMAIN.md "Cases"): the officer's response to a
 * notice not yet answered, a scheduled hearing, a requested interim-suspension hearing neither held
 * nor waived while the suspension is in force (c. 6E §9), the end of the appeal window of a
 * decision (c. 30A §14). The work queue's SQL (libs/workspace, its partial indexes in migration
 * 1767000050000) reads the same days from the stored state; test/e2e/work-queue-clocks.e2e-spec.ts
 * checks the two agree in every status.
 */
export function caseClocksDue(state: CaseState, config: CaseClockConfig): { clock: CaseClock; dueOn: IsoDate }[] {
  const due: { clock: CaseClock; dueOn: IsoDate }[] = [];
  if (state.status === 'notice_issued' && state.response === null && state.notice !== null)
    due.push({ clock: 'response_due', dueOn: state.notice.responseDueOn });
  if (state.status === 'hearing_scheduled' && state.hearing !== null) due.push({ clock: 'hearing', dueOn: state.hearing.hearingOn });
  const interim = state.interimSuspension;
  if (
    PENDING_CASE_STATUSES.includes(state.status) &&
    interim !== null &&
    interim.endedOn === null &&
    interim.hearingRequestedOn !== null &&
    interim.hearingHeldOn === null &&
    !interim.hearingWaived
  )
    due.push({ clock: 'interim_hearing', dueOn: interimHearingDeadlines(interim, config).holdBy });
  if (state.status === 'decided' && state.decision !== null) due.push({ clock: 'appeal_window', dueOn: appealWindowEndsOn(state.decision.decidedOn, config) });
  return due;
}
