/**
 * CJIS 5.5.3 / API.md: five failed logins for one account within 15 minutes lock it for
 * LOGIN_LOCK_MINUTES, or until an administrator unlocks it. The window slides: the account
 * keeps the times of its failures of the last 15 minutes (at most four), so failures paced
 * around a fixed window's edge (four at minute 14, four more at minute 15) still lock it.
 * Pure: the service persists.
 */
export const MAX_FAILED_LOGINS = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;

export interface LoginAttemptState {
  /** Failures within the window before the latest attempt, oldest first. */
  recentFailedLogins: Date[];
  lockedUntil: Date | null;
}

export function isLocked(state: Pick<LoginAttemptState, 'lockedUntil'>, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

export function afterFailedLogin(state: LoginAttemptState, now: Date, lockMinutes: number): LoginAttemptState {
  const recent = state.recentFailedLogins.filter((at) => now.getTime() - at.getTime() < FAILURE_WINDOW_MS).concat(now);
  if (recent.length >= MAX_FAILED_LOGINS) {
    return { recentFailedLogins: [], lockedUntil: new Date(now.getTime() + lockMinutes * 60_000) };
  }
  return { recentFailedLogins: recent, lockedUntil: state.lockedUntil };
}

export function afterSuccessfulLogin(): LoginAttemptState {
  return { recentFailedLogins: [], lockedUntil: null };
}
