import { addDays } from '@app/core';
import { appeal, finalize, resolveAppeal } from './case-appeal';
import { CaseCommand, CaseCommandOf, CaseContext, CaseEvent, CaseTransition } from './case-commands';
import { decide } from './case-decision';
import { ActionOutcome, isAfter, isBefore, Refusals, requireValidDates } from './case-guards';
import { endInterimSuspension, interimSuspend, liftEffectsOnEnd, recordInterimHearing } from './case-interim';
import { CaseState } from './case-state';
import { actionsAllowedIn, isCaseAction, PROPOSABLE_SANCTIONS, ROLES_BY_CASE_ACTION, STATUSES_BY_CASE_ACTION } from './case-status';
import { caseRoleNotAllowed, caseVersionConflict, illegalCaseAction } from './discipline.errors';

/**
 * The one entry point of the case workflow: pure, no I/O, never mutates `state`.
 *
 * Checks run in this order, so each refusal tells the caller the first thing to fix:
 * the actor's role (403 `CASE.ROLE_NOT_ALLOWED`), the client's version (409
 * `CASE.VERSION_CONFLICT`, only when `context.expectedVersion` is given), the status
 * (422 `CASE.ILLEGAL_ACTION` with `allowedActions`), then the action's own rules (422
 * `CASE.RULE_REFUSED` with every unmet reason). On success the version goes up by one and
 * `effects` lists what the certification must do in the same transaction.
 */
export function transitionCase(state: CaseState, command: CaseCommand, context: CaseContext): CaseTransition {
  const { action } = command;
  if (!isCaseAction(action)) {
    throw illegalCaseAction(state.status, String(action), actionsAllowedIn(state.status));
  }
  const roles = ROLES_BY_CASE_ACTION[action];
  if (!context.actorRoles.some((role) => roles.includes(role))) throw caseRoleNotAllowed(action, roles);
  if (context.expectedVersion !== undefined && context.expectedVersion !== state.version) {
    throw caseVersionConflict(context.expectedVersion, state.version);
  }
  if (!STATUSES_BY_CASE_ACTION[action].includes(state.status)) {
    throw illegalCaseAction(state.status, action, actionsAllowedIn(state.status));
  }

  const { next, effects } = applyAction(state, command, context);
  const { action: _action, ...payload } = command;
  const event = { action, payload, fromStatus: state.status, toStatus: next.status, occurredOn: context.today } as CaseEvent;
  return { next: { ...next, version: state.version + 1 }, effects, event };
}

function applyAction(state: CaseState, command: CaseCommand, context: CaseContext): ActionOutcome {
  switch (command.action) {
    case 'interim_suspend':
      return interimSuspend(state, command, context);
    case 'record_interim_hearing':
      return recordInterimHearing(state, command, context);
    case 'issue_notice':
      return issueNotice(state, command, context);
    case 'record_response':
      return recordResponse(state, command, context);
    case 'schedule_hearing':
      return scheduleHearing(state, command, context);
    case 'record_hearing':
      return recordHearing(state, command, context);
    case 'decide':
      return decide(state, command, context);
    case 'appeal':
      return appeal(state, command, context);
    case 'resolve_appeal':
      return resolveAppeal(state, command, context);
    case 'finalize':
      return finalize(state, command, context);
    case 'dismiss':
      return dismiss(state, command, context);
  }
}

/**
 * c. 6E §10: no suspension or revocation without notice and an opportunity to respond. The
 * officer gets at least NOTICE_MIN_DAYS to answer.
 */
function issueNotice(state: CaseState, command: CaseCommandOf<'issue_notice'>, context: CaseContext): ActionOutcome {
  requireValidDates({ responseDueOn: command.responseDueOn });
  const refusals = new Refusals('issue_notice');
  refusals.when(!(PROPOSABLE_SANCTIONS as readonly string[]).includes(command.proposedSanction), 'sanction_not_proposable');
  const earliestResponseDueOn = addDays(context.today, context.config.noticeMinDays);
  refusals.when(isBefore(command.responseDueOn, earliestResponseDueOn), 'response_due_too_soon', { earliestResponseDueOn });
  refusals.throwIfAny();
  const { proposedSanction, responseDueOn } = command;
  const notice = { issuedOn: context.today, proposedSanction, responseDueOn };
  return { next: { ...state, status: 'notice_issued', notice }, effects: [] };
}

/**
 * The officer's answer, recorded once: a decision without a hearing relies on it, so it may
 * not change afterwards. The officer answers through the portal until `responseDueOn`; after
 * it, only the investigator records a late answer (the commission may accept it for good
 * cause), and `recordedOn` after `responseDueOn` shows it was late.
 */
function recordResponse(state: CaseState, command: CaseCommandOf<'record_response'>, context: CaseContext): ActionOutcome {
  const refusals = new Refusals('record_response');
  const waivesHearing = command.waivesHearing === true;
  const byOfficer = !context.actorRoles.includes('commission_investigator');
  const responseDueOn = state.notice?.responseDueOn;
  refusals.when(state.response !== null, 'response_already_recorded');
  refusals.when(byOfficer && responseDueOn !== undefined && isAfter(context.today, responseDueOn), 'response_window_closed', { responseDueOn });
  refusals.when(command.hearingRequested && waivesHearing, 'hearing_requested_and_waived');
  refusals.throwIfAny();
  const response = { recordedOn: context.today, hearingRequested: command.hearingRequested, waivesHearing };
  return { next: { ...state, response }, effects: [] };
}

/**
 * Scheduling ends the time to answer (`record_response` is taken in `notice_issued` only), so
 * without a recorded answer the hearing may not come before the notice's `responseDueOn`:
 * otherwise a hearing held the day of the notice would lead to a decision the officer never had
 * the chance to answer (c. 6E §10, notice and an opportunity to respond).
 */
function scheduleHearing(state: CaseState, command: CaseCommandOf<'schedule_hearing'>, context: CaseContext): ActionOutcome {
  requireValidDates({ hearingOn: command.hearingOn });
  const refusals = new Refusals('schedule_hearing');
  refusals.when(isBefore(command.hearingOn, context.today), 'hearing_date_in_past');
  const responseDueOn = state.notice?.responseDueOn;
  refusals.when(state.response === null && responseDueOn !== undefined && isBefore(command.hearingOn, responseDueOn), 'hearing_before_response_due', {
    responseDueOn,
  });
  refusals.throwIfAny();
  const hearing = { hearingOn: command.hearingOn, heldOn: null };
  return { next: { ...state, status: 'hearing_scheduled', hearing }, effects: [] };
}

/**
 * The adjudicatory hearing of c. 6E §10 happened; it can only follow the notice and, as when it
 * was scheduled, without a recorded answer not come before the notice's `responseDueOn`.
 */
function recordHearing(state: CaseState, command: CaseCommandOf<'record_hearing'>, context: CaseContext): ActionOutcome {
  requireValidDates({ heldOn: command.heldOn });
  const refusals = new Refusals('record_hearing');
  refusals.when(isAfter(command.heldOn, context.today), 'held_on_in_future');
  const noticeIssuedOn = state.notice?.issuedOn;
  refusals.when(noticeIssuedOn !== undefined && isBefore(command.heldOn, noticeIssuedOn), 'hearing_before_notice', {
    noticeIssuedOn,
  });
  const responseDueOn = state.notice?.responseDueOn;
  refusals.when(state.response === null && responseDueOn !== undefined && isBefore(command.heldOn, responseDueOn), 'hearing_before_response_due', {
    responseDueOn,
  });
  refusals.throwIfAny();
  const hearing = { hearingOn: state.hearing?.hearingOn ?? command.heldOn, heldOn: command.heldOn };
  return { next: { ...state, status: 'heard', hearing }, effects: [] };
}

/** Ends the proceeding before a decision; an interim suspension it was holding up ends with it (c. 6E §9). */
function dismiss(state: CaseState, command: CaseCommandOf<'dismiss'>, context: CaseContext): ActionOutcome {
  const effects = liftEffectsOnEnd(state, 'dismissal');
  const dismissed: CaseState = {
    ...state,
    status: 'dismissed',
    dismissal: { dismissedOn: context.today, reason: command.reason },
  };
  return { next: endInterimSuspension(dismissed, context.today, 'dismissal'), effects };
}
