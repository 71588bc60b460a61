import { monthsOf, statsOverview, statsRange, medianOfHistogram } from './stats';

describe('stats range', () => {
  it.each([
    [{}, '2026-06-15', { from: '2025-07-01', to: '2026-06-15' }],
    [{ to: '2026-01-31' }, '2026-06-15', { from: '2025-02-01', to: '2026-01-31' }],
    [{ from: '2026-03-01', to: '2026-03-01' }, '2026-06-15', { from: '2026-03-01', to: '2026-03-01' }],
    [{ from: '2016-07-01', to: '2026-06-30' }, '2026-06-15', { from: '2016-07-01', to: '2026-06-30' }],
  ])('%j on %s is %j', (query, today, expected) => {
    expect(statsRange(query, today)).toEqual(expected);
  });

  it.each([
    [{ from: '2026-06-02', to: '2026-06-01' }, 'from must be on or before to'],
    [{ from: '2016-06-30', to: '2026-06-30' }, 'the range may span at most 120 months'],
  ])('refuses %j', (query, message) => {
    expect(() => statsRange(query, '2026-06-15')).toThrow(
      expect.objectContaining({ code: 'STATS.INVALID_RANGE', extensions: { errors: [{ field: 'from', message }] } }),
    );
  });

  it('lists every month the range touches, across a year end', () => {
    expect(monthsOf({ from: '2025-11-30', to: '2026-02-01' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('fills every status and month with zeros', () => {
    const stats = statsOverview({
      range: { from: '2026-01-01', to: '2026-02-28' },
      casesByStatus: new Map([['open', 3]]),
      decisions: [{ month: '2026-02', sanction: 'revoke', n: 2 }],
      medianDaysReportToFinal: null,
      certificationsByStatus: new Map([['certified', 10]]),
      hiringChecks: [{ month: '2026-01', checks: 4, matches: 3, not_hireable: 1 }],
      wanderingOfficers: [],
    });
    expect(stats.casesByStatus).toEqual({
      open: 3,
      notice_issued: 0,
      hearing_scheduled: 0,
      heard: 0,
      decided: 0,
      appealed: 0,
      final: 0,
      reversed: 0,
      dismissed: 0,
    });
    expect(stats.decisionsByMonth).toEqual([
      { month: '2026-01', revoke: 0, suspend: 0, retrain: 0, reprimand: 0, no_action: 0 },
      { month: '2026-02', revoke: 2, suspend: 0, retrain: 0, reprimand: 0, no_action: 0 },
    ]);
    expect(stats.certificationsByStatus.certified).toBe(10);
    expect(stats.certificationsByStatus.lapsed).toBe(0);
    expect(stats.hiringChecks).toEqual([
      { month: '2026-01', checks: 4, matches: 3, notHireable: 1 },
      { month: '2026-02', checks: 0, matches: 0, notHireable: 0 },
    ]);
  });
});

describe('medianOfHistogram (percentile_cont(0.5) of the values counted)', () => {
  it.each<[string, [number, number][], number | null]>([
    ['empty', [], null],
    ['only zero counts', [[5, 0]], null],
    ['one value', [[8, 1]], 8],
    [
      'an odd count: the middle value',
      [
        [3, 1],
        [5, 1],
        [11, 1],
      ],
      5,
    ],
    [
      'an even count: the mean of the two middle values',
      [
        [5, 1],
        [11, 1],
      ],
      8,
    ],
    [
      'repeated values',
      [
        [2, 3],
        [9, 1],
      ],
      2,
    ],
    [
      'the middle pair straddles two values',
      [
        [2, 2],
        [9, 2],
      ],
      5.5,
    ],
    [
      'unordered input, negative days',
      [
        [10, 1],
        [-4, 1],
        [0, 1],
      ],
      0,
    ],
  ])('%s', (_, entries, expected) => {
    expect(medianOfHistogram(new Map(entries))).toBe(expected);
  });
});
