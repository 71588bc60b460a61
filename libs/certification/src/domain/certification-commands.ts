import type { IsoDate } from '@app/core';
import type { AdminSuspensionReason } from './certification-status';
import type { ExpiryAlignment } from './certification-term';

/*
 * What may be asked of a certification. `reason` on the adjudicator's commands is the
 * stated reason written into the history row; when absent a stable code is written.
 * Commands with `caseId` come from a commission case (libs/discipline).
 */

/** Initial certification, or a new term from lapsed / inactive / relinquished (c. 6E §4(f)(1)). */
export interface CertifyCommand {
  type: 'certify';
  /** Granted with conditions (555 CMR 7.04, 9.10): still `certified`, recorded as a conditional certification. */
  conditional?: boolean;
}
/** A new term for a certified or lapsed officer whose in-service hours are met (c. 6E §4(f)(3)). */
export interface RenewCommand {
  type: 'renew';
}
/** System: the term ended without renewal (c. 6E §4(f)(3)). */
export interface LapseCommand {
  type: 'lapse';
}
/** Retirement, extended leave, voluntary inactivity. */
export interface InactivateCommand {
  type: 'inactivate';
  reason?: string;
}
/** Return from inactivity into the same, still running term. */
export interface ReactivateCommand {
  type: 'reactivate';
  reason?: string;
}
export interface AdminSuspendCommand {
  type: 'admin_suspend';
  reason: AdminSuspensionReason;
  /** How many conditions are overdue on the effective date: `condition_unmet` needs at least one (555 CMR 9.10). */
  overdueConditions?: number;
}
/** Compliance recorded. */
export interface LiftAdminSuspensionCommand {
  type: 'lift_admin_suspension';
  reason?: string;
  /** Overdue conditions left on the effective date: a `condition_unmet` suspension is lifted only once none is. */
  overdueConditions?: number;
}
/**
 * Relinquishment accepted by the commission. `disclosures` (arrests, prosecutions,
 * restraining orders, civil and administrative actions, misconduct allegations) are
 * restricted: the service stores them apart; they never enter a history row.
 */
export interface AcceptRelinquishmentCommand {
  type: 'accept_relinquishment';
  disclosures: string;
  reason?: string;
}
/** Interim suspension (`endsOn: null`, c. 6E §9) or a decided one ending on `endsOn` (§10(b)). */
export interface SuspendCommand {
  type: 'suspend';
  caseId: string;
  /** First day the officer is no longer suspended; null = until lifted. */
  endsOn: IsoDate | null;
  reason?: string;
}
/** Suspension lifted, dismissed, reversed, or decided with no action. */
export interface EndSuspensionCommand {
  type: 'end_suspension';
  /** When given, must be the case that imposed the suspension. */
  caseId?: string;
  reason?: string;
}
export interface RevokeCommand {
  type: 'revoke';
  caseId: string;
  reason?: string;
}
/** Appeal reversed: the only way out of `revoked` (c. 30A §14). */
export interface ReverseRevocationCommand {
  type: 'reverse_revocation';
  caseId: string;
  reason?: string;
}

export type CertificationCommand =
  | CertifyCommand
  | RenewCommand
  | LapseCommand
  | InactivateCommand
  | ReactivateCommand
  | AdminSuspendCommand
  | LiftAdminSuspensionCommand
  | AcceptRelinquishmentCommand
  | SuspendCommand
  | EndSuspensionCommand
  | RevokeCommand
  | ReverseRevocationCommand;

export type CertificationCommandType = CertificationCommand['type'];

// A Record so that the compiler refuses a command missing from the list.
const COMMAND_TYPES: Record<CertificationCommandType, true> = {
  certify: true,
  renew: true,
  lapse: true,
  inactivate: true,
  reactivate: true,
  admin_suspend: true,
  lift_admin_suspension: true,
  accept_relinquishment: true,
  suspend: true,
  end_suspension: true,
  revoke: true,
  reverse_revocation: true,
};
export const CERTIFICATION_COMMAND_TYPES = Object.keys(COMMAND_TYPES) as readonly CertificationCommandType[];

export interface CertificationContext {
  /**
   * The date the transition takes effect: the request's `effectiveOn` when given, else
   * the clock's today. Term checks ("term still valid") are made on this date.
   */
  today: IsoDate;
  termYears: number;
  expiryAlignment: ExpiryAlignment;
  dateOfBirth: IsoDate;
}
