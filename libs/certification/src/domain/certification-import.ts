import type { IsoDate } from '@app/core';
import type { CertificationStatus } from './certification-status';

/**
 * Imported certification history (DOMAIN.md "Onboarding a state's existing records"): pure.
 * The history keeps the imported dates; the basis names the import.
 */
export const IMPORT_BASIS = 'import';

export interface ImportedCertificationState {
  status: CertificationStatus;
  issuedOn: IsoDate | null;
  expiresOn: IsoDate | null;
  firstCertifiedOn: IsoDate | null;
}

export interface CurrentCertification {
  status: CertificationStatus;
  /** Any change recorded so far (a fresh officer has none). */
  hasHistory: boolean;
}

/**
 * An imported status lands only on a certification nothing has happened to yet (a new
 * officer's `not_certified`, no history): the registry never overwrites what it decided
 * itself (`certification_exists`). An import of `not_certified` onto it changes nothing.
 */
export function importedCertificationOutcome(
  current: CurrentCertification,
  imported: ImportedCertificationState,
): 'apply' | 'nothing' | 'certification_exists' {
  if (current.status !== 'not_certified' || current.hasHistory) return 'certification_exists';
  return imported.status === 'not_certified' ? 'nothing' : 'apply';
}

/**
 * An imported in-state revocation (c. 6E §10, decided before the registry): the
 * certification becomes `revoked` whatever it was, and stays so; null when already revoked.
 */
export function importedRevocation(current: CertificationStatus): { from: CertificationStatus; statusBeforeRevocation: CertificationStatus } | null {
  return current === 'revoked' ? null : { from: current, statusBeforeRevocation: current };
}

/**
 * An imported suspension (c. 6E §9, §10(b), decided before the registry) binds the
 * certification while it runs on `today` (from `effectiveOn`, until the day before `endsOn`;
 * open-ended when `endsOn` is null), as a case's suspension does: the status becomes
 * `suspended` over the status it hides, which comes back when it ends (the settlement).
 * Null when it changes nothing: a revocation stands whatever follows, one suspension binds at a
 * time, and a suspension already over (or not begun) is history only.
 */
export function importedSuspension(
  current: CertificationStatus,
  suspension: { effectiveOn: IsoDate; endsOn: IsoDate | null },
  today: IsoDate,
): { from: CertificationStatus; statusBeforeSuspension: CertificationStatus } | null {
  const inForce = suspension.effectiveOn <= today && (suspension.endsOn === null || suspension.endsOn > today);
  if (!inForce || current === 'revoked' || current === 'suspended') return null;
  return { from: current, statusBeforeSuspension: current };
}
