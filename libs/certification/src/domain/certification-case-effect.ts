import type { IsoDate } from '@app/core';
import type { CertificationCommand } from './certification-commands';
import { settleCertification } from './certification-settlement';
import type { CertificationState } from './certification-status';

/**
 * What a commission case asks of the certification (libs/discipline computes it, the
 * certification service applies it in the case's transaction). `reason` and `basis` go
 * into the history row as the case states them.
 * - `suspend`: interim (`endsOn` null, c. 6E §9) or decided (§10(b)); by the same case
 *   again, it replaces the end date.
 * - `revoke`: c. 6E §10.
 * - `lift_suspension`: the case's interim suspension ends (lifted, dismissed, no action).
 * - `reverse_decision`: the case's revocation is reversed, or its suspension ended (c. 30A §14).
 */
export interface CaseCertificationEffect {
  type: 'suspend' | 'revoke' | 'lift_suspension' | 'reverse_decision';
  endsOn?: string | null;
  reason: string;
  basis: string;
}

/** True while a suspension imposed by `caseId` binds the certification, itself or beneath a revocation. */
function suspensionOfCaseInForce(state: CertificationState, caseId: string): boolean {
  const suspended = state.status === 'suspended' || (state.status === 'revoked' && state.statusBeforeRevocation === 'suspended');
  return suspended && state.suspensionCaseId === caseId;
}

/**
 * The state-machine command for a case's effect on `today`, or null when the effect
 * finds nothing of this case to undo (a suspension that already ran out, a revocation
 * already reversed): undoing then changes no status, as libs/discipline expects.
 * `suspend` and `revoke` always give a command, which the state machine may refuse.
 */
export function caseEffectCommand(state: CertificationState, caseId: string, effect: CaseCertificationEffect, today: IsoDate): CertificationCommand | null {
  const reason = effect.reason;
  switch (effect.type) {
    case 'suspend':
      return { type: 'suspend', caseId, endsOn: effect.endsOn ?? null, reason };
    case 'revoke':
      return { type: 'revoke', caseId, reason };
    case 'lift_suspension':
    case 'reverse_decision': {
      // Judged on the state time has already acted on: a suspension past its end is over.
      const current = settleCertification(state, today).next;
      if (effect.type === 'reverse_decision' && current.status === 'revoked' && current.revocationCaseId === caseId) {
        return { type: 'reverse_revocation', caseId, reason };
      }
      return suspensionOfCaseInForce(current, caseId) ? { type: 'end_suspension', caseId, reason } : null;
    }
    default: {
      const unknown: never = effect.type;
      throw new Error(`Unknown case effect ${String(unknown)}`);
    }
  }
}
