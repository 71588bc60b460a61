import { describe, expect, it } from '@jest/globals';
import { hireRefusalWords, matchReasonWords, notHireableWords, statusLabel, statusTone, warningWords } from './words';

describe('the registry codes in words', () => {
  it.each([
    [
      { code: 'revoked', since: '2026-03-10', caseNumber: '2026-000001' },
      'Decertified since Mar 10, 2026 (case 2026-000001): may not be employed by any law enforcement agency in any capacity.',
    ],
    [{ code: 'suspended', since: '2026-03-10', endsOn: '2026-04-09' }, 'Suspended since Mar 10, 2026; the suspension ends on Apr 9, 2026 (first day lifted).'],
    [
      { code: 'suspended', since: '2026-03-10', endsOn: null },
      'Suspended since Mar 10, 2026 pending a commission decision (interim suspension, no end date yet).',
    ],
    [{ code: 'revoked_in_other_jurisdiction', jurisdiction: 'NH' }, 'Decertified in NH: may not be employed in this state.'],
    [{ code: 'not_certified' }, 'Never certified: a record exists, but no certification.'],
    [{ code: 'a_new_reason' }, 'A new reason.'],
  ])('says why %j is not hireable', (reason, words) => {
    expect(notHireableWords(reason)).toBe(words);
  });

  it.each([
    [{ code: 'open_case', count: 2 }, '2 open commission cases (no details are shared until a decision is final).'],
    [{ code: 'separated_under_investigation', agency: 'Springfield PD', date: '2025-11-30' }, 'Left Springfield PD on Nov 30, 2025 while under investigation.'],
    [{ code: 'sustained_findings', count: 1 }, '1 sustained misconduct finding on record.'],
    [
      { code: 'possible_duplicate_identity', postId: 'MA-000007', status: 'revoked' },
      'Another record may be the same person: MA-000007 (Decertified). Check it too.',
    ],
  ])('reads warning %j', (warning, words) => {
    expect(warningWords(warning)).toBe(words);
  });

  it.each([
    [{ code: 'hiring_check_missing_or_stale' }, "Your agency's own hiring check of this officer, made within the last 30 days, is needed."],
    [{ code: 'start_too_far_ahead', checkedOn: '2026-03-10' }, 'The start date is more than 30 days after the hiring check (Mar 10, 2026).'],
    [
      { code: 'warnings_since_check', warnings: [{ code: 'open_case', count: 1 }] },
      'The record changed since your check: 1 open commission case (no details are shared until a decision is final). Make a new check and read it before the hire.',
    ],
    [{ code: 'revoked', since: '2026-03-10' }, 'Decertified since Mar 10, 2026: may not be employed by any law enforcement agency in any capacity.'],
  ])('explains the refused hire %j', (reason, words) => {
    expect(hireRefusalWords(reason)).toBe(words);
  });

  it('names match reasons, statuses and their tone, unknown codes included', () => {
    expect(matchReasonWords('swapped_names')).toBe('first and last names swapped');
    expect(matchReasonWords('something_new')).toBe('something new');
    expect([statusLabel('revoked'), statusTone('revoked'), statusTone('certified'), statusTone('lapsed')]).toEqual(['Decertified', 'stop', 'good', 'warn']);
  });
});
