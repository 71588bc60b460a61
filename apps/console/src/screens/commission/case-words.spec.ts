import { describe, expect, it } from '@jest/globals';
import { caseRefusalWords, caseStatusLabel, dueWords, mayTake, workItemLabel } from './case-words';

describe('a case in words', () => {
  it.each([
    ['response_window_open', { responseDueOn: '2026-06-30' }, /response window is still open until Jun 30, 2026/],
    ['response_window_closed', { responseDueOn: '2026-06-01' }, /response window closed on Jun 1, 2026/],
    ['response_due_too_soon', { earliestResponseDueOn: '2026-06-29' }, /at least 14 days to respond: the earliest due date is Jun 29, 2026/],
    ['mandatory_ground_requires_revocation', { mandatoryGrounds: ['felony_conviction'] }, /\(felony_conviction\) requires revocation/],
    ['finding_missing', { missingFindings: ['a_ground', 'b_ground'] }, /missing: a_ground, b_ground/],
    ['a_new_reason', {}, /^A new reason\.$/],
  ])('says why %s was refused', (reason, details, words) => {
    expect(caseRefusalWords(reason, details)).toMatch(words);
  });

  it('reads a reason given as a record with its own details', () => {
    expect(caseRefusalWords({ code: 'interim_request_late', requestBy: '2026-05-30' })).toBe(
      'The officer asked for the hearing after the request window closed on May 30, 2026 (c. 6E §9).',
    );
  });

  it.each([
    ['2026-06-10', '2026-06-15', true, 'Overdue by 5 days'],
    ['2026-06-14', '2026-06-15', true, 'Overdue by 1 day'],
    ['2026-06-15', '2026-06-15', false, 'Due today'],
    ['2026-06-15', '2026-06-15', true, 'Overdue'],
    ['2026-06-16', '2026-06-15', false, 'Due in 1 day'],
    ['2026-06-25', '2026-06-15', false, 'Due in 10 days'],
  ])('says when %s is due seen on %s (overdue: %s)', (dueOn, today, overdue, words) => {
    expect(dueWords(dueOn, today, overdue)).toBe(words);
  });

  it.each([
    ['case_deadline', 'interim_hearing', 'Interim-suspension hearing'],
    ['case_deadline', 'response_due', 'Response due'],
    ['late_report', 'late_report', 'Late misconduct report'],
    ['something_new', 'something_new', 'Something new'],
  ])('names work item %s/%s', (kind, reason, words) => {
    expect(workItemLabel(kind, reason)).toBe(words);
  });

  it.each([
    ['decide', ['commission_adjudicator'], true],
    ['decide', ['commission_investigator'], false],
    ['appeal', ['commission_investigator'], true],
    ['issue_notice', ['commission_admin'], false],
  ])('knows whether %s may be taken by %j', (action, roles, may) => {
    expect(mayTake(action, roles)).toBe(may);
  });

  it('names statuses, unknown ones too', () => {
    expect(caseStatusLabel('notice_issued')).toBe('Notice issued');
    expect(caseStatusLabel('on_hold')).toBe('On hold');
  });
});
