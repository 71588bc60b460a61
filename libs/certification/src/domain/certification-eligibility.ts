import { addYears, ageOn, IsoDate } from '@app/core';
import type { CertificationState, CertificationStatus } from './certification-status';
import { effectiveStatus } from './certification-standing';
import { certificationNotEligible, renewalRequirementsNotMet } from './certification.errors';

/** Defaults of API.md "Start-up and configuration"; the service passes the configured values. */
export const DEFAULT_MIN_AGE = 21; // c. 6E §4(f)(1)
export const DEFAULT_IN_SERVICE_HOURS_PER_YEAR = 40; // MPTC annual in-service requirement

/** A training completion as the rules need it (libs/training owns the record). */
export interface TrainingCompletionFact {
  courseKind: 'basic' | 'in_service' | 'specialized';
  result: 'pass' | 'fail';
  completedOn: IsoDate;
  hours: number;
}

export type InitialEligibilityReason =
  'basic_training_missing' | 'under_minimum_age' | 'previously_revoked' | 'currently_suspended' | 'already_certified' | 'in_service_hours_short';
export type InitialEligibilityWarning = 'previously_relinquished';

export interface InitialEligibilityInput {
  certification: CertificationState;
  /** The certification's history rows, oldest first: earlier relinquishments, and when an inactivation took effect. */
  history: ReadonlyArray<{ to: CertificationStatus; effectiveOn: IsoDate }>;
  dateOfBirth: IsoDate;
  completions: readonly TrainingCompletionFact[];
  /** The date the certification would take effect; every requirement is judged on it. */
  effectiveOn: IsoDate;
  minimumAge?: number;
  /** CERTIFICATION_TERM_YEARS: caps the hours owed on re-entry and bounds the window they count in. */
  termYears: number;
  inServiceHoursPerYear?: number;
}

export interface InitialEligibility {
  eligible: boolean;
  reasons: InitialEligibilityReason[];
  warnings: InitialEligibilityWarning[];
  /** Present when certifying again from `lapsed` or `inactive`: the in-service hours owed for the time out. */
  reentryHours?: { hoursFound: number; hoursRequired: number; outSince: IsoDate };
}

/**
 * DOMAIN.md "Initial certification": every unmet requirement at once, so that the
 * adjudicator learns all of them from one refusal. Applies to `certify` from any status
 * (a new term from lapsed, inactive or relinquished too). Background, fitness and
 * character are the commission's attestations, not computed here.
 */
export function checkInitialEligibility(input: InitialEligibilityInput): InitialEligibility {
  const { effectiveOn } = input;
  const status = effectiveStatus(input.certification, effectiveOn);
  const reasons: InitialEligibilityReason[] = [];

  // c. 6E §4(f)(1): completion of approved basic training, passed by the effective date.
  const basicPassed = input.completions.some(
    (completion) => completion.courseKind === 'basic' && completion.result === 'pass' && completion.completedOn <= effectiveOn,
  );
  if (!basicPassed) reasons.push('basic_training_missing');
  // c. 6E §4(f)(1): at least 21 years of age (MIN_AGE).
  if (ageOn(input.dateOfBirth, effectiveOn) < (input.minimumAge ?? DEFAULT_MIN_AGE)) reasons.push('under_minimum_age');
  // c. 6E §4(d), §11: a decertified person may not be certified again. A revocation
  // reversed on appeal is void (c. 30A §14) and no longer reads `revoked`.
  if (status === 'revoked') reasons.push('previously_revoked');
  if (status === 'suspended' || status === 'admin_suspended') reasons.push('currently_suspended');
  if (status === 'certified') reasons.push('already_certified');

  // DOMAIN.md "Certification": certifying again from lapsed or inactive requires the
  // in-service hours of the time out of certification (c. 6E §4(f)(3): the annual
  // in-service requirement is not excused by leaving the field).
  const reentryHours = reentryHoursOwed(input, status);
  if (reentryHours && reentryHours.hoursFound < reentryHours.hoursRequired) reasons.push('in_service_hours_short');

  // Relinquishment is no bar but the adjudicator must see it (POST policy).
  const everRelinquished = status === 'relinquished' || input.history.some((row) => row.to === 'relinquished');
  const warnings: InitialEligibilityWarning[] = everRelinquished ? ['previously_relinquished'] : [];

  return { eligible: reasons.length === 0, reasons, warnings, ...(reentryHours ? { reentryHours } : {}) };
}

/**
 * The hours owed on re-entry: IN_SERVICE_HOURS_PER_YEAR for each year or part of a year out
 * of certification, at most one term's worth, met by passed in-service completions within
 * the last term's length before the effective date. Out since: the last term's expiry for
 * `lapsed`, the inactivation's effective date for `inactive`. Undefined for other statuses.
 */
export function reentryHoursOwed(
  input: InitialEligibilityInput,
  status: CertificationStatus,
): { hoursFound: number; hoursRequired: number; outSince: IsoDate } | undefined {
  const outSince = status === 'lapsed' ? input.certification.expiresOn : status === 'inactive' ? lastEntryInto(input.history, 'inactive') : null;
  if (outSince === null) return undefined;
  const perYear = input.inServiceHoursPerYear ?? DEFAULT_IN_SERVICE_HOURS_PER_YEAR;
  const yearsOut = Math.min(yearsOrPart(outSince, input.effectiveOn), input.termYears);
  const windowStart = addYears(input.effectiveOn, -input.termYears);
  const counted = input.completions
    .filter(
      (completion) =>
        completion.courseKind === 'in_service' &&
        completion.result === 'pass' &&
        completion.completedOn > windowStart &&
        completion.completedOn <= input.effectiveOn,
    )
    .reduce((sum, completion) => sum + completion.hours, 0);
  // Hours such as 7.5 must not miss the requirement by a float rounding error.
  return { hoursFound: Math.round(counted * 100) / 100, hoursRequired: yearsOut * perYear, outSince };
}

/** Whole years from `from` to `to`, a part of a year counting as one; 0 when `to` is not after `from`. */
export function yearsOrPart(from: IsoDate, to: IsoDate): number {
  let years = 0;
  while (addYears(from, years) < to) years += 1;
  return years;
}

function lastEntryInto(history: InitialEligibilityInput['history'], status: CertificationStatus): IsoDate | null {
  for (let index = history.length - 1; index >= 0; index -= 1) if (history[index].to === status) return history[index].effectiveOn;
  return null;
}

/** Throws the 422 `CERTIFICATION.NOT_ELIGIBLE` with every reason and the warnings. */
export function assertEligibleForCertification(eligibility: InitialEligibility): void {
  if (!eligibility.eligible) {
    const hours = eligibility.reasons.includes('in_service_hours_short') ? eligibility.reentryHours : undefined;
    throw certificationNotEligible(
      eligibility.reasons,
      eligibility.warnings,
      hours ? { hoursFound: hours.hoursFound, hoursRequired: hours.hoursRequired } : {},
    );
  }
}

// A type alias, not an interface, so that it fits RuleViolationError's `reasons` records.
export type InServiceHoursShort = {
  code: 'in_service_hours_short';
  hoursFound: number;
  hoursRequired: number;
};
export type RenewalRefusalReason = InServiceHoursShort;

export interface RenewalInput {
  /** The current (for `lapsed`: the last) term, [issuedOn, expiresOn). */
  term: { issuedOn: IsoDate; expiresOn: IsoDate };
  completions: readonly TrainingCompletionFact[];
  termYears: number;
  inServiceHoursPerYear?: number;
}

export interface RenewalCheck {
  renewable: boolean;
  reasons: RenewalRefusalReason[];
  hoursFound: number;
  hoursRequired: number;
}

/**
 * DOMAIN.md: renewal requires in-service hours passed within the current term of at
 * least IN_SERVICE_HOURS_PER_YEAR × term years. Only passed `in_service` courses count
 * (basic and specialized courses are not the annual in-service requirement), and only
 * those completed inside [issuedOn, expiresOn): a course belongs to the term it was
 * taken in.
 */
export function checkRenewal(input: RenewalInput): RenewalCheck {
  const { issuedOn, expiresOn } = input.term;
  const hoursRequired = (input.inServiceHoursPerYear ?? DEFAULT_IN_SERVICE_HOURS_PER_YEAR) * input.termYears;
  const countedHours = input.completions
    .filter(
      (completion) =>
        completion.courseKind === 'in_service' && completion.result === 'pass' && completion.completedOn >= issuedOn && completion.completedOn < expiresOn,
    )
    .reduce((sum, completion) => sum + completion.hours, 0);
  // Hours such as 7.5 or 0.1 must not miss the requirement by a float rounding error.
  const hoursFound = Math.round(countedHours * 100) / 100;
  const reasons: RenewalRefusalReason[] = hoursFound >= hoursRequired ? [] : [{ code: 'in_service_hours_short', hoursFound, hoursRequired }];
  return { renewable: reasons.length === 0, reasons, hoursFound, hoursRequired };
}

/** Throws the 422 `CERTIFICATION.RENEWAL_REQUIREMENTS_NOT_MET` with the hours found and required. */
export function assertRenewable(check: RenewalCheck): void {
  if (!check.renewable) throw renewalRequirementsNotMet(check.reasons);
}
