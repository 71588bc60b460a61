/**
 * CJIS 5.5.3 / API.md: five failed logins for one account within 15 minutes lock it for
 * LOGIN_LOCK_MINUTES, or until an administrator unlocks it. Pure: the service persists.
 */
export const MAX_FAILED_LOGINS = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;

export interface LoginAttemptState {
  failedLoginCount: number;
  firstFailedLoginAt: Date | null;
  lockedUntil: Date | null;
}

export function isLocked(state: LoginAttemptState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

export function afterFailedLogin(state: LoginAttemptState, now: Date, lockMinutes: number): LoginAttemptState {
  const windowOpen = state.firstFailedLoginAt !== null && now.getTime() - state.firstFailedLoginAt.getTime() < FAILURE_WINDOW_MS;
  const failedLoginCount = windowOpen ? state.failedLoginCount + 1 : 1;
  const firstFailedLoginAt = windowOpen ? state.firstFailedLoginAt : now;
  if (failedLoginCount >= MAX_FAILED_LOGINS) {
    return { failedLoginCount: 0, firstFailedLoginAt: null, lockedUntil: new Date(now.getTime() + lockMinutes * 60_000) };
  }
  return { failedLoginCount, firstFailedLoginAt, lockedUntil: state.lockedUntil };
}

export function afterSuccessfulLogin(): LoginAttemptState {
  return { failedLoginCount: 0, firstFailedLoginAt: null, lockedUntil: null };
}
