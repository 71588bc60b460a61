/**
 * Disputes (API.md "Officers' own accounts", DOMAIN.md "The officer's own record"): the officer
 * says a part of their record is wrong. A dispute never hides or changes the record: it marks it
 * `disputed` until the commission resolves it, and a correction is made through the ordinary
 * routes (identity changes, report amendments, case actions, training voids), each audited.
 */
export const DISPUTE_SUBJECT_TYPES = ['identity', 'training_completion', 'employment', 'misconduct_report', 'certification'] as const;
export type DisputeSubjectType = (typeof DISPUTE_SUBJECT_TYPES)[number];

/** `corrected`: the record was fixed through its own route; `rejected`: it stands; `referred`: sent on (an investigation, the agency). */
export const DISPUTE_OUTCOMES = ['corrected', 'rejected', 'referred'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

export const DISPUTE_STATUSES = ['open', 'resolved'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** The officer's identity and certification are one each per officer: the dispute names no id. */
const WHOLE_RECORD_SUBJECTS: readonly DisputeSubjectType[] = ['identity', 'certification'];

export function subjectNamesARecord(type: DisputeSubjectType): boolean {
  return !WHOLE_RECORD_SUBJECTS.includes(type);
}

export type DisputeSubjectProblem = 'subject_id_required' | 'subject_id_not_expected';

/** Whether `{type, id}` is well-formed: an id for a completion, employment or report; none for identity or certification. */
export function disputeSubjectProblem(subject: { type: DisputeSubjectType; id?: string | null }): DisputeSubjectProblem | null {
  const hasId = subject.id !== undefined && subject.id !== null;
  if (subjectNamesARecord(subject.type)) return hasId ? null : 'subject_id_required';
  return hasId ? 'subject_id_not_expected' : null;
}

/** The key a part of the record is marked by: `identity` and `certification` by the officer, the others by the record's id. */
export function markKey(type: DisputeSubjectType, subjectId: string | null, officerId: string): string {
  return `${type}:${subjectNamesARecord(type) ? subjectId : officerId}`;
}
