import type { IsoDate, RuleViolationError } from '@app/core';
import { CERTIFICATION_BASIS } from './certification-basis';
import type { CertificationCommand, CertificationCommandType, CertificationContext } from './certification-commands';
import { settleCertification, stateAfterRevocationReversed, stateAfterSuspensionEnds, withoutStaleFields } from './certification-settlement';
import type { CertificationHistoryEntry, CertificationState, CertificationStatus } from './certification-status';
import { computeExpiry, isTermRunning, renewalStartOn } from './certification-term';
import { illegalCertificationTransition, TransitionRefusalReason } from './certification.errors';

/** The history reason of a renewal; the only grant whose term can start after the day it was granted (renewed early). */
export const RENEWAL_REASON = 'renewal';

/**
 * DOMAIN.md "Transitions": the commands legal from each status. A command listed here
 * can still be refused by its own guard (e.g. `reactivate` after the term ended).
 */
const COMMANDS_BY_STATUS: Record<CertificationStatus, readonly CertificationCommandType[]> = {
  not_certified: ['certify', 'revoke'],
  certified: ['renew', 'lapse', 'inactivate', 'admin_suspend', 'accept_relinquishment', 'suspend', 'revoke'],
  admin_suspended: ['lift_admin_suspension', 'accept_relinquishment', 'suspend', 'revoke'],
  // `suspend` again only by the same case: its decision replacing its interim suspension.
  suspended: ['suspend', 'end_suspension', 'revoke'],
  // `end_suspension` only when the revocation hides a suspension that another case now lifts.
  revoked: ['reverse_revocation', 'end_suspension'],
  lapsed: ['certify', 'renew', 'accept_relinquishment', 'suspend', 'revoke'],
  inactive: ['certify', 'reactivate', 'accept_relinquishment', 'suspend', 'revoke'],
  relinquished: ['certify', 'suspend', 'revoke'],
};

function commandsLegalIn(state: CertificationState): readonly CertificationCommandType[] {
  const commands = COMMANDS_BY_STATUS[state.status];
  return state.status === 'revoked' && state.statusBeforeRevocation !== 'suspended' ? commands.filter((command) => command !== 'end_suspension') : commands;
}

/** The commands legal on `today` (after applying what time did), for `allowedCommands` in UIs and errors. */
export function allowedCertificationCommands(state: CertificationState, today: IsoDate): readonly CertificationCommandType[] {
  return commandsLegalIn(settleCertification(state, today).next);
}

export interface CertificationTransition {
  next: CertificationState;
  /**
   * Rows to append, oldest first. The last is the command's own; any before it record
   * what time had already done and no job had persisted yet (a term that ended, a
   * suspension that ran out), dated when it happened.
   */
  history: CertificationHistoryEntry[];
}

/** What one command does to a state that time has already been applied to. */
interface Change {
  next: CertificationState;
  reason: string;
  basis: string;
  caseId?: string;
}

/**
 * The certification state machine (DOMAIN.md "Certification"). Pure: the service
 * loads and locks the row, checks eligibility or renewal hours where the command needs
 * them (certification-eligibility.ts), calls this, and persists `next` and `history`
 * with the audit entry in one transaction. Throws the error of illegalCertificationTransition
 * (422, `CERTIFICATION.ILLEGAL_TRANSITION`, `allowedCommands`) when refused.
 */
export function transitionCertification(state: CertificationState, command: CertificationCommand, context: CertificationContext): CertificationTransition {
  // `lapse` records exactly what time did, so it must see the state before settling.
  if (command.type === 'lapse') return lapseEndedTerm(state, context.today);

  const settled = settleCertification(state, context.today);
  const current = settled.next;
  const refuse = (reason: TransitionRefusalReason) => illegalCertificationTransition(current.status, command.type, reason, commandsLegalIn(current));
  if (!commandsLegalIn(current).includes(command.type)) throw refuse('illegal_transition');

  const change = applyCommand(current, command, context, refuse);
  const next = withoutStaleFields(change.next);
  const entry: CertificationHistoryEntry = {
    from: current.status,
    to: next.status,
    reason: change.reason,
    basis: change.basis,
    ...(change.caseId !== undefined ? { caseId: change.caseId } : {}),
    effectiveOn: context.today,
  };
  return { next, history: [...settled.history, entry] };
}

/** System, daily: certified → lapsed once the term ended (c. 6E §4(f)(3)). */
function lapseEndedTerm(state: CertificationState, today: IsoDate): CertificationTransition {
  if (state.status !== 'certified') {
    const current = settleCertification(state, today).next;
    throw illegalCertificationTransition(current.status, 'lapse', 'illegal_transition', commandsLegalIn(current));
  }
  if (isTermRunning(state, today)) {
    throw illegalCertificationTransition('certified', 'lapse', 'term_running', commandsLegalIn(state));
  }
  return settleCertification(state, today);
}

function applyCommand(
  state: CertificationState,
  command: Exclude<CertificationCommand, { type: 'lapse' }>,
  { today, termYears, expiryAlignment, dateOfBirth }: CertificationContext,
  refuse: (reason: TransitionRefusalReason) => RuleViolationError,
): Change {
  const termFrom = (startOn: IsoDate) => ({
    issuedOn: startOn,
    expiresOn: computeExpiry(startOn, dateOfBirth, termYears, expiryAlignment),
  });

  switch (command.type) {
    case 'certify':
      // c. 6E §4(f)(1): a new term from the effective date; eligibility is checked beforehand.
      if (command.conditional) {
        return {
          next: { ...state, status: 'certified', ...termFrom(today) },
          reason: 'conditional_certification',
          basis: CERTIFICATION_BASIS.conditionalCertification,
        };
      }
      return {
        next: { ...state, status: 'certified', ...termFrom(today) },
        reason: state.status === 'not_certified' ? 'initial_certification' : 'recertification',
        basis: CERTIFICATION_BASIS.initialCertification,
      };

    case 'renew': {
      // A term renewed early has not begun yet; renewing it again would skip its hours.
      if (state.issuedOn !== null && today < state.issuedOn) throw refuse('already_renewed');
      const startOn = renewalStartOn(state.expiresOn ?? today, today);
      return {
        next: { ...state, status: 'certified', ...termFrom(startOn) },
        reason: RENEWAL_REASON,
        basis: CERTIFICATION_BASIS.term,
      };
    }

    case 'inactivate':
      // The term is kept: recertification waits until the officer returns (POST excused leave).
      return {
        next: { ...state, status: 'inactive' },
        reason: command.reason ?? 'inactivated',
        basis: CERTIFICATION_BASIS.inactivity,
      };

    case 'reactivate':
      // Only into the term still running. After it ended there is no term to return to:
      // `certify` grants a new one, with the eligibility check a new term deserves.
      if (!isTermRunning(state, today)) throw refuse('term_expired');
      return {
        next: { ...state, status: 'certified' },
        reason: command.reason ?? 'reactivated',
        basis: CERTIFICATION_BASIS.inactivity,
      };

    case 'admin_suspend':
      // 555 CMR 9.10: a conditionally certified officer is suspended for an unmet condition only once it is overdue.
      if (command.reason === 'condition_unmet' && !((command.overdueConditions ?? 0) > 0)) throw refuse('no_condition_overdue');
      return {
        next: { ...state, status: 'admin_suspended', adminSuspensionReason: command.reason },
        reason: command.reason,
        basis: command.reason === 'condition_unmet' ? CERTIFICATION_BASIS.conditionalCertification : CERTIFICATION_BASIS.administrativeSuspension,
      };

    case 'lift_admin_suspension':
      // Compliance is the condition met: not lifted while one is still overdue.
      if (state.adminSuspensionReason === 'condition_unmet' && (command.overdueConditions ?? 0) > 0) throw refuse('condition_still_overdue');
      // Compliance restores the term if it still runs; the suspension never extends it.
      return {
        next: { ...state, status: isTermRunning(state, today) ? 'certified' : 'lapsed' },
        reason: command.reason ?? 'compliance_recorded',
        basis:
          state.adminSuspensionReason === 'in_service_training'
            ? CERTIFICATION_BASIS.administrativeSuspensionLifted
            : state.adminSuspensionReason === 'condition_unmet'
              ? CERTIFICATION_BASIS.conditionalCertification
              : CERTIFICATION_BASIS.administrativeSuspension,
      };

    case 'accept_relinquishment':
      // Not a decertification and no shield: cases go on and may still end in `revoke`.
      return {
        next: { ...state, status: 'relinquished' },
        reason: command.reason ?? 'relinquishment_accepted',
        basis: CERTIFICATION_BASIS.relinquishment,
      };

    case 'suspend': {
      if (command.endsOn !== null && command.endsOn <= today) throw refuse('suspension_end_not_after_start');
      const alreadySuspended = state.status === 'suspended';
      // One suspension at a time: only the case that imposed it may recast it (its
      // decision replacing its interim suspension), keeping the status it hid.
      if (alreadySuspended && state.suspensionCaseId !== command.caseId) throw refuse('suspended_under_other_case');
      const interim = command.endsOn === null;
      return {
        next: {
          ...state,
          status: 'suspended',
          statusBeforeSuspension: alreadySuspended ? state.statusBeforeSuspension : state.status,
          suspensionCaseId: command.caseId,
          suspensionEndsOn: command.endsOn,
        },
        reason: command.reason ?? (interim ? 'interim_suspension' : 'suspension_ordered'),
        basis: interim ? CERTIFICATION_BASIS.interimSuspension : CERTIFICATION_BASIS.decidedSuspension,
        caseId: command.caseId,
      };
    }

    case 'end_suspension': {
      const suspensionCaseId = state.suspensionCaseId ?? undefined;
      if (command.caseId !== undefined && command.caseId !== suspensionCaseId) throw refuse('suspension_case_mismatch');
      const basis = state.suspensionEndsOn === null ? CERTIFICATION_BASIS.interimSuspension : CERTIFICATION_BASIS.decidedSuspension;
      const reason = command.reason ?? 'suspension_lifted';
      if (state.status === 'revoked') {
        // The revocation stands; it now hides what the lifted suspension hid, so that a
        // reversal on appeal does not bring back a suspension its own case ended.
        if (command.caseId === undefined) throw refuse('suspension_case_mismatch');
        return {
          next: { ...state, statusBeforeRevocation: state.statusBeforeSuspension },
          reason,
          basis,
          caseId: command.caseId,
        };
      }
      return { next: stateAfterSuspensionEnds(state, today), reason, basis, caseId: command.caseId ?? suspensionCaseId };
    }

    case 'revoke': {
      // A revocation decided in the case that suspended the officer absorbs that
      // suspension (it lasted "until final decision", c. 6E §9); another case's stays hidden beneath.
      const absorbsSuspension = state.status === 'suspended' && state.suspensionCaseId === command.caseId;
      return {
        next: {
          ...state,
          status: 'revoked',
          statusBeforeRevocation: absorbsSuspension ? state.statusBeforeSuspension : state.status,
          revocationCaseId: command.caseId,
        },
        reason: command.reason ?? 'revocation_ordered',
        basis: CERTIFICATION_BASIS.revocation,
        caseId: command.caseId,
      };
    }

    case 'reverse_revocation':
      if (command.caseId !== state.revocationCaseId) throw refuse('revocation_case_mismatch');
      return {
        next: stateAfterRevocationReversed(state, today),
        reason: command.reason ?? 'revocation_reversed_on_appeal',
        basis: CERTIFICATION_BASIS.revocationReversed,
        caseId: command.caseId,
      };

    default: {
      const unhandled: never = command;
      throw new Error(`Unhandled certification command ${JSON.stringify(unhandled)}`);
    }
  }
}
