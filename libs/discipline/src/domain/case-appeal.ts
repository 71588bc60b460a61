import { addDays, IsoDate } from '@app/core';
import { CaseClockConfig, CaseCommandOf, CaseContext, CertificationEffect } from './case-commands';
import { sanctionEffect } from './case-decision';
import { ActionOutcome, isAfter, isBefore, Refusals, requireValidDates } from './case-guards';
import { AppealState, CaseState, DecisionState } from './case-state';

/** c. 30A §14(1): judicial review must be sought within the window after the final decision. */
export function appealWindowEndsOn(decidedOn: IsoDate, config: CaseClockConfig): IsoDate {
  return addDays(decidedOn, config.appealWindowDays);
}

/**
 * c. 30A §14: the officer seeks judicial review. Filing does not suspend the decision
 * (§14(3)); a stay does, so a stayed revocation or suspension is undone on the certification
 * until the court rules. Whether a late filing is heard is the court's call, not the registry's.
 */
export function appeal(state: CaseState, command: CaseCommandOf<'appeal'>, context: CaseContext): ActionOutcome {
  requireValidDates({ filedOn: command.filedOn });
  const refusals = new Refusals('appeal');
  refusals.when(isAfter(command.filedOn, context.today), 'filed_on_in_future');
  const decidedOn = state.decision?.decidedOn;
  refusals.when(decidedOn !== undefined && isBefore(command.filedOn, decidedOn), 'filed_before_decision', { decidedOn });
  refusals.throwIfAny();

  const appealState: AppealState = {
    filedOn: command.filedOn,
    forum: command.forum,
    stayed: command.stayed === true,
    outcome: null,
    resolvedOn: null,
  };
  const effects: CertificationEffect[] =
    appealState.stayed && takesCertification(state.decision) ? [{ type: 'reverse_decision', reason: 'appeal_stayed', basis: 'c. 30A §14(3)' }] : [];
  return { next: { ...state, status: 'appealed', appeal: appealState }, effects };
}

/**
 * c. 30A §14(7): the court affirms or sets aside. Upheld makes the decision final; if it was
 * stayed, its revocation or suspension takes effect now (a stayed suspension is served in full
 * from today). Reversed undoes what is still in effect; a stayed decision was undone already.
 */
export function resolveAppeal(state: CaseState, command: CaseCommandOf<'resolve_appeal'>, context: CaseContext): ActionOutcome {
  const current = state.appeal;
  const stayed = current?.stayed === true;
  const resolved: AppealState | null = current && { ...current, outcome: command.outcome, resolvedOn: context.today };
  const effects: CertificationEffect[] = [];
  if (command.outcome === 'upheld') {
    const effect = stayed && state.decision && sanctionEffect(state.decision, context.today, 'appeal_upheld', 'c. 30A §14(7)');
    if (effect) effects.push(effect);
  } else if (!stayed && takesCertification(state.decision)) {
    effects.push({ type: 'reverse_decision', reason: 'appeal_reversed', basis: 'c. 30A §14(7)' });
  }
  const status = command.outcome === 'upheld' ? 'final' : 'reversed';
  return { next: { ...state, status, appeal: resolved }, effects };
}

/**
 * The decision becomes final, and public (c. 6E §13), once the c. 30A §14(1) window has
 * passed with no appeal, or the officer waived the appeal. The window's last day still
 * allows a filing, so finality starts the day after.
 */
export function finalize(state: CaseState, command: CaseCommandOf<'finalize'>, context: CaseContext): ActionOutcome {
  const refusals = new Refusals('finalize');
  const appealWaived = command.appealWaived === true;
  const decidedOn = state.decision?.decidedOn;
  if (!appealWaived) {
    const windowEndsOn = decidedOn === undefined ? undefined : appealWindowEndsOn(decidedOn, context.config);
    refusals.when(windowEndsOn === undefined || !isAfter(context.today, windowEndsOn), 'appeal_window_open', {
      appealWindowEndsOn: windowEndsOn,
    });
  }
  refusals.throwIfAny();
  return {
    next: { ...state, status: 'final', finalization: { finalizedOn: context.today, appealWaived } },
    effects: [],
  };
}

function takesCertification(decision: DecisionState | null): boolean {
  return decision?.sanction === 'revoke' || decision?.sanction === 'suspend';
}
