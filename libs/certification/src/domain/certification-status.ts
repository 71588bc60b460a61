import type { IsoDate } from '@app/core';

/** DOMAIN.md "Certification": the licence statuses (MA public labels in the comments). */
export const CERTIFICATION_STATUSES = [
  'not_certified', // [Not Certified] record exists, never certified
  'certified', // [Certified] term running
  'admin_suspended', // [Administrative Suspension] c. 6E §9, per POST practice
  'suspended', // [Suspended] c. 6E §9 interim, §10(b) decided
  'revoked', // [Decertified] c. 6E §10, §11
  'lapsed', // [Not Certified] term ended without renewal, c. 6E §4(f)(3)
  'inactive', // [Not Certified (Excused Leave)]
  'relinquished', // voluntary relinquishment accepted; not a decertification, no shield
] as const;
export type CertificationStatus = (typeof CERTIFICATION_STATUSES)[number];

/**
 * Why an administrative suspension was imposed (c. 6E §9, per POST practice); `condition_unmet`:
 * a condition of a conditional certification is overdue (555 CMR 9.10).
 */
export const ADMIN_SUSPENSION_REASONS = ['in_service_training', 'failure_to_report', 'condition_unmet'] as const;
export type AdminSuspensionReason = (typeof ADMIN_SUSPENSION_REASONS)[number];

/**
 * What the state machine needs to know about one officer's certification. The fields
 * beside `status` exist so that a status imposed on top of another (a suspension, a
 * revocation) can be undone to what it hid: "suspended → prior status", "revoked →
 * prior status" in DOMAIN.md.
 *
 * Invariants kept by every transition (see `withoutStaleFields`):
 * - suspension fields are set only while `suspended` is the status or the status that
 *   a revocation hid;
 * - revocation fields are set only while the status is `revoked`;
 * - `adminSuspensionReason` is set only while `admin_suspended` is the status or a
 *   status hidden beneath a suspension or revocation.
 */
export interface CertificationState {
  status: CertificationStatus;
  /** First day of the current term; null until first certified. */
  issuedOn: IsoDate | null;
  /** The term ends ON this date: on `expiresOn` the officer is no longer certified. */
  expiresOn: IsoDate | null;
  adminSuspensionReason: AdminSuspensionReason | null;
  /** The status a suspension hid; never `suspended` or `revoked`. */
  statusBeforeSuspension: CertificationStatus | null;
  /** The case that imposed the suspension. */
  suspensionCaseId: string | null;
  /** First day the officer is no longer suspended; null = interim, until lifted (c. 6E §9). */
  suspensionEndsOn: IsoDate | null;
  /** The status a revocation hid (may be `suspended`, never `revoked`). */
  statusBeforeRevocation: CertificationStatus | null;
  revocationCaseId: string | null;
}

/** A row of the append-only certification history. */
export interface CertificationHistoryEntry {
  from: CertificationStatus;
  to: CertificationStatus;
  /** Stable code (`renewal`, `term_expired`, …) or the adjudicator's stated reason. */
  reason: string;
  /** Short legal citation, see CERTIFICATION_BASIS. */
  basis: string;
  caseId?: string;
  /** The date the change takes effect (may precede the day it is recorded). */
  effectiveOn: IsoDate;
}

/** The record every officer starts with: never certified. */
export function notCertifiedState(): CertificationState {
  return {
    status: 'not_certified',
    issuedOn: null,
    expiresOn: null,
    adminSuspensionReason: null,
    statusBeforeSuspension: null,
    suspensionCaseId: null,
    suspensionEndsOn: null,
    statusBeforeRevocation: null,
    revocationCaseId: null,
  };
}

export function isCertificationStatus(value: unknown): value is CertificationStatus {
  return typeof value === 'string' && (CERTIFICATION_STATUSES as readonly string[]).includes(value);
}
