import { afterFailedLogin, afterSuccessfulLogin, isLocked, LoginAttemptState } from './login-lockout';

const t0 = new Date('2026-01-01T10:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
const fresh: LoginAttemptState = { recentFailedLogins: [], lockedUntil: null };

function failAt(times: number[], state = fresh) {
  for (const at of times) state = afterFailedLogin(state, minutes(at), 30);
  return state;
}

describe('login lockout', () => {
  it('stays open after four failures', () => {
    const state = failAt([0, 1, 2, 3]);
    expect(state.recentFailedLogins).toEqual([minutes(0), minutes(1), minutes(2), minutes(3)]);
    expect(isLocked(state, minutes(4))).toBe(false);
  });

  it('locks for the configured minutes on the fifth failure within 15 minutes', () => {
    const state = failAt([0, 3, 6, 9, 12]);
    expect(state).toEqual({ recentFailedLogins: [], lockedUntil: minutes(12 + 30) });
    expect(isLocked(state, minutes(41))).toBe(true);
    expect(isLocked(state, minutes(42))).toBe(false);
  });

  it('does not lock when five failures span more than 15 minutes, and forgets the oldest', () => {
    const state = failAt([0, 4, 8, 12, 16]); // the fifth is 16 minutes after the first
    expect(state.lockedUntil).toBeNull();
    expect(state.recentFailedLogins).toEqual([minutes(4), minutes(8), minutes(12), minutes(16)]);
  });

  // A review found that a window fixed at the first failure let this pace run on without a lock.
  it('locks failures paced around the edge of a window fixed at the first one', () => {
    const state = failAt([0, 14.5, 14.6, 14.7, 15.0, 15.1]);
    expect(state.lockedUntil).toEqual(minutes(15.1 + 30));
  });

  it.each([
    ['exactly 15 minutes after the first: the first no longer counts', [0, 1, 2, 3, 15], false],
    ['just inside 15 minutes', [0, 1, 2, 3, 14.99], true],
  ])('at the window’s edge, %s', (_label, times, locked) => {
    expect(failAt(times).lockedUntil !== null).toBe(locked);
  });

  it('resets everything on success', () => {
    expect(afterSuccessfulLogin()).toEqual(fresh);
  });
});
