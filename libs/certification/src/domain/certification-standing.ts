import type { IsoDate } from '@app/core';
import { settleCertification } from './certification-settlement';
import type { CertificationState, CertificationStatus } from './certification-status';

/**
 * Where a certification stands on a day, without its history: what a record shows (the
 * officer's restricted record, the public page). The one "effective status" rule: what time
 * already did by `today` is applied before anything is read, so a term that ended reads
 * `lapsed` and a fixed-term suspension that ran out reads as the status it hid, even before
 * the settlement job records it (DOMAIN.md: "reads treat an expired term as lapsed even
 * before the job runs"; the term ends ON `expiresOn`, c. 6E §4(f)(3)).
 */
export interface CertificationStanding {
  /** The effective status: an expired term reads `lapsed` before any job recorded it. */
  status: CertificationStatus;
  /** First day of the current (or last) term. */
  issuedOn: IsoDate | null;
  /** The term ends on this date (the officer is no longer certified on it). */
  expiresOn: IsoDate | null;
  firstCertifiedOn: IsoDate | null;
}

/** Pure: the state as of `today` (what time already did applied), and the first certification date. */
export function certificationStanding(state: CertificationState, firstCertifiedOn: IsoDate | null, today: IsoDate): CertificationStanding {
  const current = settleCertification(state, today).next;
  return { status: current.status, issuedOn: current.issuedOn, expiresOn: current.expiresOn, firstCertifiedOn };
}

/** The status part of `certificationStanding`, for rules that judge the status alone. */
export function effectiveStatus(state: CertificationState, today: IsoDate): CertificationStatus {
  return certificationStanding(state, null, today).status;
}
