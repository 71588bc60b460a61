/**
 * A commission case's codes in words (DOMAIN.md "Cases"): statuses, actions, the 422 reasons of
 * POST /cases/:id/actions, and the work queue's kinds. Pure: no DOM, no Preact, table-tested in
 * case-words.spec.ts. An unknown code (a newer registry) still reads as words.
 */
import { formatDate, humanize } from '../../words';

export const CASE_STATUS_LABELS: Record<string, string> = {
  open: 'Open',
  notice_issued: 'Notice issued',
  hearing_scheduled: 'Hearing scheduled',
  heard: 'Heard',
  decided: 'Decided',
  appealed: 'Appealed',
  final: 'Final',
  reversed: 'Reversed',
  dismissed: 'Dismissed',
};
export const caseStatusLabel = (status: string): string => CASE_STATUS_LABELS[status] ?? humanize(status);

/** Closed cases read as "good" (nothing more to do), decisions and appeals as "stop", the rest as "warn". */
export function caseStatusTone(status: string): 'good' | 'warn' | 'stop' {
  if (status === 'final' || status === 'reversed' || status === 'dismissed') return 'good';
  if (status === 'decided' || status === 'appealed') return 'stop';
  return 'warn';
}

export const CASE_ACTION_LABELS: Record<string, string> = {
  open: 'Case opened',
  interim_suspend: 'Interim suspension',
  record_interim_hearing: 'Record the interim-suspension hearing',
  issue_notice: 'Issue the notice',
  record_response: "Record the officer's response",
  schedule_hearing: 'Schedule the hearing',
  record_hearing: 'Record the hearing',
  decide: 'Decide',
  appeal: 'Record an appeal',
  resolve_appeal: 'Resolve the appeal',
  finalize: 'Finalize',
  dismiss: 'Dismiss the case',
};
export const caseActionLabel = (action: string): string => CASE_ACTION_LABELS[action] ?? humanize(action);

/** Who may take each action (DOMAIN.md "Cases"); the registry decides, this only says who to ask. */
export const CASE_ACTION_ROLES: Record<string, string[]> = {
  interim_suspend: ['commission_adjudicator'],
  record_interim_hearing: ['commission_adjudicator'],
  issue_notice: ['commission_investigator'],
  record_response: ['commission_investigator'],
  schedule_hearing: ['commission_investigator'],
  record_hearing: ['commission_investigator'],
  decide: ['commission_adjudicator'],
  appeal: ['commission_investigator', 'commission_adjudicator'],
  resolve_appeal: ['commission_adjudicator'],
  finalize: ['commission_adjudicator'],
  dismiss: ['commission_adjudicator'],
};
export const mayTake = (action: string, roles: readonly string[]): boolean => (CASE_ACTION_ROLES[action] ?? []).some((role) => roles.includes(role));

export const SANCTION_LABELS: Record<string, string> = {
  revoke: 'Revoke the certification',
  suspend: 'Suspend the certification',
  retrain: 'Order retraining',
  reprimand: 'Reprimand',
  no_action: 'No action',
};
export const sanctionLabel = (sanction: string): string => SANCTION_LABELS[sanction] ?? humanize(sanction);

export const TRIGGER_LABELS: Record<string, string> = {
  felony_arrest: 'Arrest for a felony',
  felony_charge: 'Charged with a felony',
  felony_indictment: 'Indicted for a felony',
  inquiry_finding: 'Finding of a preliminary inquiry',
};

/** The details a refusal carries beside its reasons (`responseDueOn`, `earliestResponseDueOn`, ...). */
export type RefusalDetails = Record<string, unknown>;

const dateOf = (details: RefusalDetails, key: string): string => {
  const value = details[key];
  return typeof value === 'string' ? formatDate(value) : '';
};
const listOf = (details: RefusalDetails, key: string): string => (Array.isArray(details[key]) ? (details[key] as unknown[]).map(String).join(', ') : '');
const on = (date: string, words: string) => (date ? `${words} ${date}` : '');

/** One 422 reason of POST /cases or POST /cases/:id/actions, in a sentence. */
export function caseRefusalWords(reason: string | Record<string, unknown>, details: RefusalDetails = {}): string {
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const code = typeof reason === 'string' ? reason : text(reason.code);
  const all = typeof reason === 'string' ? details : { ...details, ...reason };
  switch (code) {
    case 'action_not_allowed_in_status':
      return `This action is not possible while the case is ${caseStatusLabel(text(all.caseStatus)).toLowerCase()}.`;
    case 'grounds_required':
      return 'Choose at least one ground.';
    case 'ground_duplicated':
      return 'A ground is chosen twice.';
    case 'ground_unknown':
      return `Unknown ground${listOf(all, 'unknownGrounds') ? `: ${listOf(all, 'unknownGrounds')}` : ''}.`;
    case 'interim_suspension_already_used':
      return 'This case already had its interim suspension (one per case, c. 6E §9).';
    case 'not_interim_suspended':
      return 'The officer is not under an interim suspension in this case.';
    case 'interim_hearing_waived_and_held':
      return 'A hearing cannot be both waived and held.';
    case 'requested_before_suspension':
      return 'The hearing request is dated before the suspension.';
    case 'requested_on_in_future':
      return 'The hearing request date is in the future.';
    case 'held_before_suspension':
      return 'The hearing date is before the suspension.';
    case 'held_on_in_future':
      return 'The hearing date is in the future: record a hearing once it has been held.';
    case 'interim_request_late':
      return `The officer asked for the hearing after the request window closed${on(dateOf(all, 'requestBy'), ' on')} (c. 6E §9).`;
    case 'interim_hearing_too_early':
      return `The hearing is earlier than 5 days after the suspension${on(dateOf(all, 'earliestHearingOn'), '; the earliest day is')}, and the officer did not ask for an earlier one.`;
    case 'earlier_hearing_without_request':
      return 'An earlier hearing can only be asked for with a hearing request.';
    case 'sanction_not_proposable':
      return 'A notice must propose a sanction ("no action" gives the officer nothing to answer).';
    case 'response_due_too_soon':
      return `The officer must have at least 14 days to respond${on(dateOf(all, 'earliestResponseDueOn'), ': the earliest due date is')}.`;
    case 'response_already_recorded':
      return "The officer's response is already recorded; it cannot change.";
    case 'response_window_closed':
      return `The response window closed${on(dateOf(all, 'responseDueOn'), ' on')}: the officer can no longer answer through the portal.`;
    case 'hearing_requested_and_waived':
      return 'The officer cannot both ask for a hearing and waive it.';
    case 'hearing_date_in_past':
      return 'The hearing date is in the past.';
    case 'hearing_before_notice':
      return `The hearing is dated before the notice${on(dateOf(all, 'noticeIssuedOn'), ' of')}.`;
    case 'hearing_before_response_due':
      return `With no response recorded, the hearing cannot come before the response is due${on(dateOf(all, 'responseDueOn'), ' on')}.`;
    case 'response_window_open':
      return `The officer's response window is still open${on(dateOf(all, 'responseDueOn'), ' until')}: a decision without a hearing needs the window to have passed or the hearing waived.`;
    case 'hearing_requested':
      return 'The officer asked for a hearing: schedule and hold it before deciding.';
    case 'finding_missing':
      return `Every ground needs a finding${listOf(all, 'missingFindings') ? `; missing: ${listOf(all, 'missingFindings')}` : ''}.`;
    case 'finding_for_unknown_ground':
      return `A finding names a ground the case does not rest on${listOf(all, 'unknownGrounds') ? `: ${listOf(all, 'unknownGrounds')}` : ''}.`;
    case 'finding_duplicated':
      return 'A ground has two findings.';
    case 'mandatory_ground_requires_revocation':
      return `A sustained mandatory ground${listOf(all, 'mandatoryGrounds') ? ` (${listOf(all, 'mandatoryGrounds')})` : ''} requires revocation (c. 6E §10(a)).`;
    case 'sanction_requires_sustained_finding':
      return 'With no ground sustained, the only decision is "no action".';
    case 'suspension_days_required':
      return 'A suspension needs its number of days.';
    case 'suspension_days_out_of_range':
      return 'The suspension must be between 1 and 3650 days.';
    case 'suspension_days_not_allowed':
      return 'Days are given only with a suspension.';
    case 'reasoning_required':
      return 'The decision needs its reasoning.';
    case 'filed_on_in_future':
      return 'The appeal filing date is in the future.';
    case 'filed_before_decision':
      return 'The appeal is dated before the decision.';
    case 'appeal_window_open':
      return `The appeal window is still open${on(dateOf(all, 'appealWindowEndsOn'), ' until')}: finalize after it, or with the officer's waiver of appeal.`;
    default:
      return `${humanize(code)}.`;
  }
}

export const WORK_ITEM_KIND_LABELS: Record<string, string> = {
  case_deadline: 'Case deadline',
  late_report: 'Late misconduct report',
  notice_overdue: 'Notice not sent',
  dispute_open: 'Open dispute',
  possible_duplicate: 'Possible duplicate',
  condition_due: 'Certification condition due',
  certification_expiring: 'Certification ending',
  webhook_failing: 'Webhook failing',
};

export const WORK_ITEM_REASON_LABELS: Record<string, string> = {
  response_due: 'Response due',
  hearing: 'Hearing',
  interim_hearing: 'Interim-suspension hearing',
  appeal_window: 'Appeal window ends',
};

/** The item's kind, with the case clock when it is a case deadline. */
export const workItemLabel = (kind: string, reason: string): string =>
  kind === 'case_deadline' ? (WORK_ITEM_REASON_LABELS[reason] ?? humanize(reason)) : (WORK_ITEM_KIND_LABELS[kind] ?? humanize(kind));

/** Days between two ISO dates (b - a). */
export const daysBetween = (a: string, b: string): number =>
  Math.round((Date.parse(`${b.slice(0, 10)}T00:00:00Z`) - Date.parse(`${a.slice(0, 10)}T00:00:00Z`)) / 86_400_000);

/** "Overdue by 3 days", "Due today", "Due in 5 days": the words that go with the date (never colour alone). */
export function dueWords(dueOn: string, today: string, overdue = daysBetween(today, dueOn) < 0): string {
  const days = daysBetween(today, dueOn);
  if (overdue) return days < 0 ? `Overdue by ${-days} ${-days === 1 ? 'day' : 'days'}` : 'Overdue';
  if (days === 0) return 'Due today';
  return `Due in ${days} ${days === 1 ? 'day' : 'days'}`;
}

/** Today in the browser's calendar, as YYYY-MM-DD. */
export const localToday = (): string => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};
