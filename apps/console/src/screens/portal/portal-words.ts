/**
 * The officers' portal's codes in words: notices, disputes, a case's steps and the refusals of
 * an answer. Pure (no DOM, no Preact), table-tested in portal-words.spec.ts; an unknown code (a
 * newer registry) still reads as words.
 */
import { formatDate, humanize, ROLE_LABELS } from '../../words';

const NOTICE_KINDS: Record<string, string> = {
  misconduct_report: 'A misconduct report about you was filed',
  report_amendment: 'A misconduct report about you was amended',
  separation: 'Your separation from an agency was reported',
  case_notice: 'Notice of a commission case: you may answer',
  case_decision: 'The commission decided a case about you',
  imported_final_action: 'A final action was recorded from an earlier system',
  dispute_resolved: 'The commission resolved your dispute',
  invitation: 'You were invited to this portal',
};
export const noticeKindWords = (kind: string): string => NOTICE_KINDS[kind] ?? humanize(kind);

const NOTICE_STATUSES: Record<string, string> = {
  queued: 'Waiting to be sent',
  sent: 'Sent by email',
  failed: 'Email failed; kept here',
  no_address: 'No email address on file; kept here',
  no_transport: 'Kept here (the registry sends no email)',
};
export const noticeStatusWords = (status: string): string => NOTICE_STATUSES[status] ?? humanize(status);

const SUBJECTS: Record<string, string> = {
  identity: 'Your identity (name, date of birth, SSN digits)',
  training_completion: 'A training completion',
  employment: 'An employment',
  misconduct_report: 'A misconduct report',
  certification: 'Your certification',
};
export const disputeSubjectWords = (type: string): string => SUBJECTS[type] ?? humanize(type);

const OUTCOMES: Record<string, string> = {
  corrected: 'Corrected: the record was changed',
  rejected: 'Rejected: the record stands',
  referred: 'Referred to another body',
};
export const disputeOutcomeWords = (outcome: string): string => OUTCOMES[outcome] ?? humanize(outcome);

const CASE_STATUSES: Record<string, string> = {
  open: 'Open (under investigation)',
  notice_issued: 'Notice issued: your answer is awaited',
  hearing_scheduled: 'Hearing scheduled',
  heard: 'Heard, awaiting the decision',
  decided: 'Decided (the appeal window is open)',
  appealed: 'Under appeal',
  final: 'Final',
  reversed: 'Reversed on appeal',
  dismissed: 'Dismissed',
};
export const caseStatusWords = (status: string): string => CASE_STATUSES[status] ?? humanize(status);

const CASE_ACTIONS: Record<string, string> = {
  open: 'Case opened',
  interim_suspend: 'Interim suspension',
  record_interim_hearing: 'Interim hearing recorded',
  issue_notice: 'Notice issued to you',
  record_response: 'Your answer recorded',
  schedule_hearing: 'Hearing scheduled',
  record_hearing: 'Hearing held',
  decide: 'Decision',
  appeal: 'Appeal filed',
  resolve_appeal: 'Appeal resolved',
  finalize: 'Decision final',
  dismiss: 'Case dismissed',
};
export const caseActionWords = (action: string): string => CASE_ACTIONS[action] ?? humanize(action);

/**
 * Who acted on a case, as the officer may know it: the officer (no organization), or the
 * commission in the role the step was taken in ("Commission adjudicator"; never which staff
 * member), or "The commission" where the API names no role (entries from before it was kept).
 */
export const caseActorWords = (actor: { kind: string; organizationId: string | null; role?: string | null }): string =>
  actor.organizationId === null
    ? actor.kind === 'user'
      ? 'You'
      : 'The registry'
    : actor.role && actor.role.startsWith('commission_') && ROLE_LABELS[actor.role]
      ? ROLE_LABELS[actor.role]
      : 'The commission';

const SANCTIONS: Record<string, string> = {
  revoke: 'revocation of the certification',
  suspend: 'suspension',
  retrain: 'retraining',
  reprimand: 'reprimand',
  no_action: 'no action',
};
export const sanctionWords = (sanction: string): string => SANCTIONS[sanction] ?? humanize(sanction).toLowerCase();

/** The 422 reasons of POST /me/cases/:id/response, one sentence each. */
export function answerRefusalWords(reason: string | Record<string, unknown>, details: { responseDueOn?: unknown } = {}): string {
  const code = typeof reason === 'string' ? reason : typeof reason.code === 'string' ? reason.code : '';
  const due = typeof details.responseDueOn === 'string' ? ` on ${formatDate(details.responseDueOn)}` : '';
  switch (code) {
    case 'response_window_closed':
      return `The time to answer this notice ended${due}. Your answer was not recorded; the commission may still accept a late answer for good cause: write to the investigator.`;
    case 'response_already_recorded':
      return 'Your answer to this notice is already recorded; it cannot be changed.';
    case 'hearing_requested_and_waived':
      return 'You cannot both ask for a hearing and waive it: choose one.';
    default:
      return `${humanize(code)}.`;
  }
}
