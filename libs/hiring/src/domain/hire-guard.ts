import { addDays, IsoDate } from '@app/core';
import type { HiringWarning } from './hiring-answer';

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

/**
 * True when `check` answered about the officer no more than HIRING_CHECK_VALID_DAYS before `now`.
 * `officerIds`: the officer and every record merged into it (a check that found the duplicate
 * before a merge found this person: the hire is then judged against the survivor).
 */
export function checkCoversHire(check: StoredCheckForHire | null, officerIds: string | readonly string[], now: Date): boolean {
  if (!check) return false;
  const ids = typeof officerIds === 'string' ? [officerIds] : officerIds;
  const age = now.getTime() - check.checkedAt.getTime();
  return check.matchedOfficerIds.some((id) => ids.includes(id)) && age <= HIRING_CHECK_VALID_DAYS * DAY_MS;
}

export type HireStartProblem = 'start_before_hiring_check' | 'start_too_far_ahead';

/**
 * The check clears an appointment that follows it (c. 6E §4(d): the registry is asked before
 * the hire), not one backdated before the question was asked (an employment that the public
 * record would show before the officer was checked, or certified, or even 21), nor one so far
 * ahead that the answer says nothing about it: a start within the check's own validity,
 * HIRING_CHECK_VALID_DAYS from the day it was made. (A start years ahead could also never be
 * separated: a separation may not end before the start nor lie in the future.)
 */
export function hireStartProblems(startDate: IsoDate, checkedOn: IsoDate): HireStartProblem[] {
  const problems: HireStartProblem[] = [];
  if (startDate < checkedOn) problems.push('start_before_hiring_check');
  if (startDate > addDays(checkedOn, HIRING_CHECK_VALID_DAYS)) problems.push('start_too_far_ahead');
  return problems;
}

/**
 * The certification must still run on the first day of the employment (c. 6E §4(d): nobody
 * without a current certification may be employed): a term that ends before the start, with no
 * renewal yet, clears no hire, however hireable the officer is today.
 */
export function certificationCoversStart(expiresOn: IsoDate | null, startDate: IsoDate): boolean {
  return expiresOn !== null && startDate < expiresOn;
}

/** Open cases and sustained findings recorded after the check (their counts alone can hide a swap). */
export interface RecordedSinceCheck {
  casesOpened: number;
  findingsSustained: number;
}

/**
 * The warnings the hire's check did not show (DOMAIN.md: warnings do not block but "must be
 * seen"): an officer separated under investigation, or a new open case or sustained finding,
 * after the agency's check would otherwise be hired on an answer that no longer holds. A count
 * is new when it grew, or when something of its kind was recorded since the check (one case
 * dismissed and another opened leaves the count as it was); a count that fell, with nothing
 * recorded since, is nothing the agency has not seen.
 */
export function warningsSinceCheck(seen: readonly HiringWarning[], current: readonly HiringWarning[], recordedSince: RecordedSinceCheck): HiringWarning[] {
  return current.filter((warning) => !seen.some((earlier) => covers(earlier, warning, recordedSince)));
}

function covers(earlier: HiringWarning, warning: HiringWarning, recordedSince: RecordedSinceCheck): boolean {
  switch (warning.code) {
    case 'open_case':
      return earlier.code === warning.code && earlier.count >= warning.count && recordedSince.casesOpened === 0;
    case 'sustained_findings':
      return earlier.code === warning.code && earlier.count >= warning.count && recordedSince.findingsSustained === 0;
    case 'separated_under_investigation':
      return earlier.code === warning.code && earlier.agency === warning.agency && earlier.date === warning.date;
    case 'previously_relinquished':
      return earlier.code === warning.code;
    case 'possible_duplicate_identity':
      return earlier.code === warning.code && earlier.postId === warning.postId;
    case 'disputed':
      // The officer's own word that a record is wrong adds no fact about the officer: it never holds up a hire.
      return true;
  }
}
