import { addDays, daysBetween, IsoDate } from '@app/core';
import { CaseClockConfig, CaseCommandOf, CaseContext, CertificationEffect } from './case-commands';
import { ActionOutcome, isAfter, isBefore, Refusals, requireValidDates } from './case-guards';
import { CaseState, InterimSuspensionEnd, InterimSuspensionState, isInterimSuspensionActive } from './case-state';
import { caseRuleRefused } from './discipline.errors';

const SECTION_9 = 'c. 6E §9';

/**
 * c. 6E §9, 555 CMR 1.08: a requested interim hearing is held no sooner than 5 days after the
 * suspension took effect (time to prepare), unless the officer asked for an earlier one.
 */
export const INTERIM_HEARING_MIN_DAYS = 5;

/**
 * c. 6E §9: the commission may suspend a certification at once, before any hearing, when the
 * officer is arrested, charged or indicted for a felony or an inquiry so finds. It is the
 * exception to "hearing first", so a case gets it once; further facts go into the case itself.
 */
export function interimSuspend(state: CaseState, command: CaseCommandOf<'interim_suspend'>, context: CaseContext): ActionOutcome {
  const refusals = new Refusals('interim_suspend');
  refusals.when(state.interimSuspension !== null, 'interim_suspension_already_used', {
    interimSuspendedOn: state.interimSuspension?.suspendedOn,
  });
  refusals.throwIfAny();

  const interimSuspension: InterimSuspensionState = {
    trigger: command.trigger,
    reason: command.reason,
    suspendedOn: context.today,
    hearingRequestedOn: null,
    hearingWaived: false,
    hearingHeldOn: null,
    outcome: null,
    endedOn: null,
    endedBy: null,
  };
  return {
    next: { ...state, interimSuspension },
    effects: [{ type: 'suspend', endsOn: null, reason: 'interim_suspension', basis: SECTION_9 }],
  };
}

/**
 * c. 6E §9, 555 CMR 1.09: the officer may ask for a hearing, or waive it; the hearing continues
 * or lifts the suspension. Several calls may build up the record (request, then hearing); an
 * omitted field keeps what was recorded before. The commission may lift the suspension with no
 * hearing at all.
 */
export function recordInterimHearing(state: CaseState, command: CaseCommandOf<'record_interim_hearing'>, context: CaseContext): ActionOutcome {
  requireValidDates({}, { requestedOn: command.requestedOn, heldOn: command.heldOn });
  const current = state.interimSuspension;
  if (current === null || current.endedOn !== null) {
    throw caseRuleRefused('record_interim_hearing', ['not_interim_suspended']);
  }
  const refusals = new Refusals('record_interim_hearing');

  const requestedOn = command.requestedOn ?? current.hearingRequestedOn;
  const earlierHearingRequested = command.earlierHearingRequested ?? current.earlierHearingRequested ?? false;
  const heldOn = command.heldOn ?? current.hearingHeldOn;
  const waived = command.waived ?? current.hearingWaived;
  const { requestBy, earliestHearingOn } = interimHearingDeadlines(current, context.config);
  refusals.when(waived && heldOn !== null, 'interim_hearing_waived_and_held');
  refusals.when(earlierHearingRequested && requestedOn === null, 'earlier_hearing_without_request');
  if (requestedOn !== null) {
    refusals.when(isBefore(requestedOn, current.suspendedOn), 'requested_before_suspension');
    refusals.when(isAfter(requestedOn, context.today), 'requested_on_in_future');
  }
  // Both ends of the §9 clocks (DOMAIN.md "Cases"), judged on the dates this call records so that
  // a case recorded before the rule can still be completed.
  if (command.requestedOn !== undefined && !isAfter(command.requestedOn, context.today)) {
    refusals.when(isAfter(command.requestedOn, requestBy), 'interim_request_late', { requestBy });
  }
  if (heldOn !== null) {
    refusals.when(isBefore(heldOn, current.suspendedOn), 'held_before_suspension');
    refusals.when(isAfter(heldOn, context.today), 'held_on_in_future');
  }
  if (command.heldOn !== undefined && !earlierHearingRequested && !isBefore(command.heldOn, current.suspendedOn)) {
    refusals.when(isBefore(command.heldOn, earliestHearingOn), 'interim_hearing_too_early', { earliestHearingOn });
  }
  refusals.throwIfAny();

  const lifted = command.outcome === 'lifted';
  const interimSuspension: InterimSuspensionState = {
    ...current,
    hearingRequestedOn: requestedOn,
    ...(earlierHearingRequested ? { earlierHearingRequested } : {}),
    hearingWaived: waived,
    hearingHeldOn: heldOn,
    outcome: command.outcome,
    ...(lifted ? { endedOn: context.today, endedBy: 'lifted' as const } : {}),
  };
  const effects: CertificationEffect[] = lifted ? [{ type: 'lift_suspension', reason: 'interim_suspension_lifted', basis: SECTION_9 }] : [];
  return { next: { ...state, interimSuspension }, effects };
}

/**
 * Ends an interim suspension that is in force (a decision or a dismissal ends the proceeding
 * it was waiting for). Returns the state unchanged when none is in force.
 */
export function endInterimSuspension(state: CaseState, on: IsoDate, endedBy: InterimSuspensionEnd): CaseState {
  const interim = state.interimSuspension;
  if (interim === null || interim.endedOn !== null) return state;
  return { ...state, interimSuspension: { ...interim, endedOn: on, endedBy } };
}

/** The lifting effect owed when a decision or dismissal ends an interim suspension in force. */
export function liftEffectsOnEnd(state: CaseState, reason: 'decision_without_suspension' | 'dismissal'): CertificationEffect[] {
  return isInterimSuspensionActive(state) ? [{ type: 'lift_suspension', reason, basis: SECTION_9 }] : [];
}

/** c. 6E §9 clocks of an interim suspension: last day to ask for a hearing, first and last day to hold it. */
export function interimHearingDeadlines(
  interimSuspension: Pick<InterimSuspensionState, 'suspendedOn'>,
  config: CaseClockConfig,
): { requestBy: IsoDate; earliestHearingOn: IsoDate; holdBy: IsoDate } {
  return {
    requestBy: addDays(interimSuspension.suspendedOn, config.interimHearingRequestDays),
    earliestHearingOn: addDays(interimSuspension.suspendedOn, INTERIM_HEARING_MIN_DAYS),
    holdBy: addDays(interimSuspension.suspendedOn, config.interimHearingMaxDays),
  };
}

/**
 * c. 6E §9: a requested hearing is due within INTERIM_HEARING_MAX_DAYS of the suspension taking
 * effect. True while the suspension is in force, a hearing was asked for and neither held nor
 * waived, and that day has passed. (`GET /cases?interimHearingOverdue=true`.)
 */
export function interimHearingOverdue(state: CaseState, today: IsoDate, config: CaseClockConfig): boolean {
  const interim = state.interimSuspension;
  if (interim === null || interim.endedOn !== null) return false;
  if (interim.hearingRequestedOn === null || interim.hearingHeldOn !== null || interim.hearingWaived) return false;
  return daysBetween(interim.suspendedOn, today) > config.interimHearingMaxDays;
}
