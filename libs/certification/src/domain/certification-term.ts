import { addYears, IsoDate } from '@app/core';
import type { CertificationState } from './certification-status';

/**
 * `birth_month`: the term ends on the first day of the officer's birth month on or after
 * start + term years (MA for certifications expiring from 1 July 2025 on; still at least
 * the statutory term, c. 6E §4(f)(3)). `none`: exactly term years after the start.
 */
export const EXPIRY_ALIGNMENTS = ['birth_month', 'none'] as const;
export type ExpiryAlignment = (typeof EXPIRY_ALIGNMENTS)[number];

/** Defaults of API.md "Start-up and configuration"; the service reads the real values. */
export const DEFAULT_CERTIFICATION_TERM_YEARS = 3; // c. 6E §4(f)(3): "at least 3 years"
export const DEFAULT_EXPIRY_ALIGNMENT: ExpiryAlignment = 'birth_month';

/** The term's rules, from configuration. */
export interface CertificationTermRules {
  termYears: number;
  expiryAlignment: ExpiryAlignment;
}

/**
 * The date a term starting on `startOn` ends (exclusive: the officer is not certified on
 * it). Born in November, started 2025-08-15, 3 years → 2028-11-01. When start + term is
 * itself the 1st of the birth month, the term ends that very day. 29 February starts
 * count their years to 28 February (`addYears`).
 */
export function computeExpiry(startOn: IsoDate, dateOfBirth: IsoDate, termYears: number, alignment: ExpiryAlignment): IsoDate {
  const minimumEnd = addYears(startOn, termYears);
  if (alignment === 'none') return minimumEnd;

  const birthMonth = dateOfBirth.slice(5, 7);
  const year = Number(minimumEnd.slice(0, 4));
  const sameYear = `${year}-${birthMonth}-01`;
  // Never shorter than the statutory minimum: a birth month already begun moves a year on.
  return sameYear >= minimumEnd ? sameYear : `${year + 1}-${birthMonth}-01`;
}

/**
 * DOMAIN.md: renewed before expiry, the new term starts at the old expiry (no days are
 * lost for renewing early); renewed once the term has ended (lapsed), it starts on the
 * renewal date (the officer was not certified in the gap).
 */
export function renewalStartOn(currentExpiresOn: IsoDate, renewedOn: IsoDate): IsoDate {
  return renewedOn < currentExpiresOn ? currentExpiresOn : renewedOn;
}

/** True while `today` is inside the term [issuedOn, expiresOn). */
export function isTermRunning(state: Pick<CertificationState, 'expiresOn'>, today: IsoDate): boolean {
  return state.expiresOn !== null && today < state.expiresOn;
}
