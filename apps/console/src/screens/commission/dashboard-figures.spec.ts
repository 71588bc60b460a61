import { describe, expect, it } from '@jest/globals';
import { caseRows, certificationRows, medianWords, monthLabel, notHireableShare, shareWords, total } from './dashboard-figures';

describe("the dashboard's figures in words", () => {
  it.each([
    [0, 0, null, 'no checks'],
    [4, 0, 0, '0%'],
    [4, 1, 25, '25%'],
    [3, 1, 33, '33%'],
    [3, 2, 67, '67%'],
    [2, 2, 100, '100%'],
  ])('%i checks of which %i found a non-hireable officer: share %p, %s', (checks, notHireable, share, words) => {
    expect(notHireableShare(checks, notHireable)).toBe(share);
    expect(shareWords(notHireableShare(checks, notHireable))).toBe(words);
  });

  it.each([
    ['2026-01', 'Jan 2026'],
    ['2026-12', 'Dec 2026'],
    ['1999-07', 'Jul 1999'],
    ['not a month', 'not a month'],
  ])('names month %s as %s', (month, words) => {
    expect(monthLabel(month)).toBe(words);
  });

  it.each([
    [null, 'No case became final in this range.'],
    [undefined, 'No case became final in this range.'],
    [0, '0 days'],
    [1, '1 day'],
    [8, '8 days'],
  ])('says a median of %p as %s', (days, words) => {
    expect(medianWords(days)).toBe(words);
  });

  it("keeps the registry's order of statuses and names each", () => {
    const cases = caseRows({ open: 1, notice_issued: 2, final: 0, a_new_status: 3 });
    expect(cases).toEqual([
      { status: 'open', label: 'Open', count: 1 },
      { status: 'notice_issued', label: 'Notice issued', count: 2 },
      { status: 'final', label: 'Final', count: 0 },
      { status: 'a_new_status', label: 'A new status', count: 3 },
    ]);
    expect(total(cases)).toBe(6);
    expect(certificationRows({ certified: 6, revoked: 1 }).map((row) => row.label)).toEqual(['Certified', 'Decertified']);
  });
});
