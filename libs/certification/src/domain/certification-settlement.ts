import type { IsoDate } from '@app/core';
import { CERTIFICATION_BASIS } from './certification-basis';
import type { CertificationHistoryEntry, CertificationState, CertificationStatus } from './certification-status';
import { isTermRunning } from './certification-term';

/**
 * Clears what no longer belongs to the status, so that a field never outlives the
 * status it explains (see the invariants on CertificationState). Every transition
 * passes its result through here.
 */
export function withoutStaleFields(state: CertificationState): CertificationState {
  const hiddenByRevocation = state.status === 'revoked' ? state.statusBeforeRevocation : null;
  const suspensionInForce = state.status === 'suspended' || hiddenByRevocation === 'suspended';
  const statusesInPlay = [state.status, hiddenByRevocation, suspensionInForce ? state.statusBeforeSuspension : null];
  return {
    ...state,
    ...(suspensionInForce ? {} : { statusBeforeSuspension: null, suspensionCaseId: null, suspensionEndsOn: null }),
    ...(state.status === 'revoked' ? {} : { statusBeforeRevocation: null, revocationCaseId: null }),
    adminSuspensionReason: statusesInPlay.includes('admin_suspended') ? state.adminSuspensionReason : null,
  };
}

/** A status hidden by a suspension or revocation comes back, except a term that ran out meanwhile. */
function revived(prior: CertificationStatus, state: CertificationState, on: IsoDate): CertificationStatus {
  return prior === 'certified' && !isTermRunning(state, on) ? 'lapsed' : prior;
}

/**
 * DOMAIN.md "suspended → prior status … a certification whose term ran out meanwhile
 * becomes `lapsed`" (c. 6E §9: the suspension lasts until lifted or its end).
 */
export function stateAfterSuspensionEnds(state: CertificationState, on: IsoDate): CertificationState {
  const prior = state.statusBeforeSuspension ?? 'not_certified';
  return withoutStaleFields({ ...state, status: revived(prior, state, on) });
}

/**
 * DOMAIN.md "revoked → prior status" on an appeal reversed (c. 30A §14). A suspension
 * the revocation hid comes back only while it still runs; one whose end date passed
 * meanwhile gives way to the status it hid in turn.
 */
export function stateAfterRevocationReversed(state: CertificationState, on: IsoDate): CertificationState {
  const prior = state.statusBeforeRevocation ?? 'not_certified';
  const reinstated: CertificationState = { ...state, status: prior, statusBeforeRevocation: null, revocationCaseId: null };
  if (prior !== 'suspended') return withoutStaleFields({ ...reinstated, status: revived(prior, state, on) });
  const suspensionOver = state.suspensionEndsOn !== null && state.suspensionEndsOn <= on;
  return suspensionOver ? stateAfterSuspensionEnds(reinstated, on) : withoutStaleFields(reinstated);
}

/**
 * Applies what the passing of time did by `today` and has not been recorded yet: a term
 * that ended (certified → lapsed on `expiresOn`, c. 6E §4(f)(3)) and a fixed-term
 * suspension that ended (suspended → prior on `suspensionEndsOn`). The daily job
 * persists this; reads and transitions apply it first so they never act on a stale
 * status. Returns one history row per change, oldest first, each dated when it
 * happened rather than when it was noticed. Only `certified` lapses by itself: an
 * inactive or administratively suspended officer keeps that status, and the ended term
 * is dealt with on return (`reactivate` refuses, `lift_admin_suspension` gives lapsed).
 */
export function settleCertification(state: CertificationState, today: IsoDate): { next: CertificationState; history: CertificationHistoryEntry[] } {
  const history: CertificationHistoryEntry[] = [];
  let current = state;
  for (;;) {
    if (current.status === 'certified' && current.expiresOn !== null && current.expiresOn <= today) {
      history.push({
        from: 'certified',
        to: 'lapsed',
        reason: 'term_expired',
        basis: CERTIFICATION_BASIS.term,
        effectiveOn: current.expiresOn,
      });
      current = { ...current, status: 'lapsed' };
    } else if (current.status === 'suspended' && current.suspensionEndsOn !== null && current.suspensionEndsOn <= today) {
      const endedOn = current.suspensionEndsOn;
      const caseId = current.suspensionCaseId;
      const next = stateAfterSuspensionEnds(current, endedOn);
      history.push({
        from: 'suspended',
        to: next.status,
        reason: 'suspension_period_ended',
        basis: CERTIFICATION_BASIS.decidedSuspension,
        ...(caseId !== null ? { caseId } : {}),
        effectiveOn: endedOn,
      });
      current = next;
    } else {
      return { next: current, history };
    }
  }
}
