import { attemptSettlement, endpointAfterAttempt, FAILING_AFTER_MS, MAX_ATTEMPTS, outcomeOf, RETRY_DELAYS_SECONDS, retryDelaySeconds } from './retry-schedule';

describe('retry schedule', () => {
  it('should grow its delays and keep retrying for at least 24 hours', () => {
    for (let i = 1; i < RETRY_DELAYS_SECONDS.length; i++) expect(RETRY_DELAYS_SECONDS[i]).toBeGreaterThan(RETRY_DELAYS_SECONDS[i - 1]);
    expect(RETRY_DELAYS_SECONDS.reduce((sum, delay) => sum + delay, 0)).toBeGreaterThanOrEqual(24 * 3600);
  });

  it.each([
    [1, 5],
    [2, 30],
    [10, 43_200],
    [MAX_ATTEMPTS, null],
    [0, null],
  ])('after attempt %i the next comes in %p seconds', (attempt, delay) => {
    expect(retryDelaySeconds(attempt)).toBe(delay);
  });

  it.each([
    [200, 'succeeded'],
    [204, 'succeeded'],
    [299, 'succeeded'],
    [301, 'failed'],
    [400, 'failed'],
    [410, 'gone'],
    [500, 'failed'],
    [null, 'failed'],
  ])('an answer %p is %s', (status, kind) => {
    expect(outcomeOf(status).kind).toBe(kind);
  });
});

describe('endpointAfterAttempt', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  const since = (ms: number) => new Date(now.getTime() - ms);

  it.each([
    ['a success clears failing', { status: 'failing', failingSince: since(FAILING_AFTER_MS * 2) }, 'succeeded', { status: 'active', failingSince: null }],
    ['a first failure starts the clock', { status: 'active', failingSince: null }, 'failed', { status: 'active', failingSince: now }],
    [
      '23 hours of failures are not yet failing',
      { status: 'active', failingSince: since(FAILING_AFTER_MS - 1) },
      'failed',
      { status: 'active', failingSince: since(FAILING_AFTER_MS - 1) },
    ],
    [
      '24 hours of failures are failing',
      { status: 'active', failingSince: since(FAILING_AFTER_MS) },
      'failed',
      { status: 'failing', failingSince: since(FAILING_AFTER_MS) },
    ],
    ['410 disables', { status: 'active', failingSince: null }, 'gone', { status: 'disabled', failingSince: null }],
    ['disabled stays disabled', { status: 'disabled', failingSince: null }, 'succeeded', { status: 'disabled', failingSince: null }],
  ] as const)('%s', (_name, endpoint, kind, expected) => {
    expect(endpointAfterAttempt({ ...endpoint }, { kind }, now)).toEqual(expected);
  });
});

describe('attemptSettlement', () => {
  const at = new Date('2026-03-10T12:00:00Z');
  const later = (seconds: number) => new Date(at.getTime() + seconds * 1000);

  it.each([
    ['a 2xx succeeds', 1, 204, false, 'succeeded', null],
    ['a 500 on the first attempt comes again in 5 s', 1, 500, false, 'failed', later(5)],
    ['no answer on the third comes again in 2 min', 3, null, false, 'failed', later(120)],
    ['a 410 never comes again', 1, 410, false, 'failed', null],
    ['the last attempt never comes again', MAX_ATTEMPTS, 500, false, 'failed', null],
    ['a manual retry past the schedule never comes again', MAX_ATTEMPTS + 2, 500, false, 'failed', null],
    ['an endpoint gone (disabled, deleted) never comes again', 1, null, true, 'failed', null],
  ] as const)('%s', (_name, attempt, responseStatus, final, status, nextAttemptAt) => {
    expect(attemptSettlement(attempt, responseStatus, at, final)).toMatchObject({ status, nextAttemptAt });
  });
});
