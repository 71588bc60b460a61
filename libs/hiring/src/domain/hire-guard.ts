/**
 * DOMAIN.md "Hiring checks": a hire is recorded only with the caller agency's own check of
 * that officer, made within HIRING_CHECK_VALID_DAYS. Pure; the service loads the check
 * (only the caller agency's: another agency's check id reads as unknown) and the clock.
 */
export const HIRING_CHECK_VALID_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface StoredCheckForHire {
  checkedAt: Date;
  matchedOfficerIds: readonly string[];
}

/** True when `check` answered about `officerId` no more than HIRING_CHECK_VALID_DAYS before `now`. */
export function checkCoversHire(check: StoredCheckForHire | null, officerId: string, now: Date): boolean {
  if (!check) return false;
  const age = now.getTime() - check.checkedAt.getTime();
  return check.matchedOfficerIds.includes(officerId) && age <= HIRING_CHECK_VALID_DAYS * DAY_MS;
}
