import { afterFailedLogin, afterSuccessfulLogin, isLocked, LoginAttemptState } from './login-lockout';

const t0 = new Date('2026-01-01T10:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
const fresh: LoginAttemptState = { failedLoginCount: 0, firstFailedLoginAt: null, lockedUntil: null };

function fail(times: number, spacingMinutes: number, state = fresh) {
  for (let i = 0; i < times; i++) state = afterFailedLogin(state, minutes(i * spacingMinutes), 30);
  return state;
}

describe('login lockout', () => {
  it('stays open after four failures', () => {
    const state = fail(4, 1);
    expect(state.failedLoginCount).toBe(4);
    expect(isLocked(state, minutes(4))).toBe(false);
  });

  it('locks for the configured minutes on the fifth failure within 15 minutes', () => {
    const state = fail(5, 3);
    expect(state.lockedUntil).toEqual(minutes(12 + 30));
    expect(isLocked(state, minutes(41))).toBe(true);
    expect(isLocked(state, minutes(42))).toBe(false);
  });

  it('starts a new window when failures are spread over more than 15 minutes', () => {
    const state = fail(5, 4); // the fifth is 16 minutes after the first
    expect(state.lockedUntil).toBeNull();
    expect(state.failedLoginCount).toBe(1);
  });

  it('resets everything on success', () => {
    expect(afterSuccessfulLogin()).toEqual(fresh);
  });
});
