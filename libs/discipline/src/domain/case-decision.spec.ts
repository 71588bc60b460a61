import { CaseCommandOf } from './case-commands';
import { CaseState, ResponseState } from './case-state';
import { Sanction } from './case-status';
import { transitionCase } from './case-workflow';
import { requiredStandardOfProof, standardForGround } from './standard-of-proof';
import { activeInterim, caseIn, context, day, DISCRETIONARY, errorOf, MANDATORY, refusalReasons, STRICT_DISCRETIONARY, TODAY } from './testing/case-fixtures';

const heardOn = (grounds = [MANDATORY, DISCRETIONARY], overrides: Partial<CaseState> = {}) => caseIn('heard', { grounds, ...overrides });

function decide(sanction: Sanction, sustained: Record<string, boolean>, extra: Partial<CaseCommandOf<'decide'>> = {}): CaseCommandOf<'decide'> {
  const findings = Object.entries(sustained).map(([ground, isSustained]) => ({ ground, sustained: isSustained }));
  return { action: 'decide', sanction, findings, reasoning: 'Findings of fact and reasons.', ...extra };
}

const BOTH = (mandatory: boolean, discretionary: boolean) => ({
  [MANDATORY.code]: mandatory,
  [DISCRETIONARY.code]: discretionary,
});

describe('decide from notice_issued: only when the officer let the hearing go', () => {
  const noticeDue = (responseDueOn: string, response: ResponseState | null) =>
    caseIn('notice_issued', {
      grounds: [DISCRETIONARY],
      notice: { issuedOn: day(-30), proposedSanction: 'retrain', responseDueOn },
      response,
    });
  const answered = (hearingRequested: boolean, waivesHearing = false): ResponseState => ({
    recordedOn: day(-20),
    hearingRequested,
    waivesHearing,
  });
  const command = decide('retrain', { [DISCRETIONARY.code]: true });

  it.each([
    ['window passed, no answer', day(-1), null, []],
    ['window passed, answered without a hearing request', day(-1), answered(false), []],
    ['window open (due today), no answer', TODAY, null, ['response_window_open']],
    ['window open (due later), answered without a request', day(3), answered(false), ['response_window_open']],
    ['window passed, hearing requested', day(-1), answered(true), ['hearing_requested']],
    ['window open, hearing requested', day(3), answered(true), ['hearing_requested', 'response_window_open']],
    ['window open, hearing waived', day(3), answered(false, true), []],
  ])('%s → %j', (_label, dueOn, response, reasons) => {
    const state = noticeDue(dueOn, response);
    if (reasons.length === 0) expect(transitionCase(state, command, context()).next.status).toBe('decided');
    else expect(refusalReasons(state, command)).toEqual(reasons);
  });

  it('tells when the response window closes', () => {
    const error = errorOf(() => transitionCase(noticeDue(day(3), null), command, context()));
    expect(error.extensions.responseDueOn).toBe(day(3));
  });

  it('does not ask again once the hearing was held', () => {
    const state = heardOn([DISCRETIONARY], { response: answered(true) });
    expect(transitionCase(state, command, context()).next.status).toBe('decided');
  });
});

describe('decide: exactly one finding per ground (c. 30A §11(8))', () => {
  it.each([
    ['a ground without finding', [{ ground: MANDATORY.code, sustained: false }], ['finding_missing'], { missingFindings: [DISCRETIONARY.code] }],
    [
      'a finding on a ground not in the case',
      [...decide('no_action', BOTH(false, false)).findings, { ground: 'hate_crime', sustained: false }],
      ['finding_for_unknown_ground'],
      { unknownGrounds: ['hate_crime'] },
    ],
    [
      'two findings on one ground',
      [...decide('no_action', BOTH(false, false)).findings, { ground: DISCRETIONARY.code, sustained: true }],
      ['finding_duplicated'],
      { duplicatedFindings: [DISCRETIONARY.code] },
    ],
  ])('refuses %s', (_label, findings, reasons, details) => {
    const command = { ...decide('no_action', {}), findings };
    expect(refusalReasons(heardOn(), command)).toEqual(reasons);
    expect(errorOf(() => transitionCase(heardOn(), command, context())).extensions).toMatchObject(details);
  });

  it('reports every unmet rule at once', () => {
    const command = decide('suspend', { hate_crime: true }, { reasoning: ' ' });
    expect(refusalReasons(heardOn(), command)).toEqual([
      'finding_for_unknown_ground',
      'finding_missing',
      'reasoning_required',
      'sanction_requires_sustained_finding',
      'suspension_days_required',
    ]);
  });
});

describe('decide: sanction rules (c. 6E §10(a), §10(b))', () => {
  it.each<[string, Sanction, Record<string, boolean>, number | undefined, string[]]>([
    ['mandatory sustained, revoke', 'revoke', BOTH(true, false), undefined, []],
    ['mandatory sustained, suspend', 'suspend', BOTH(true, true), 30, ['mandatory_ground_requires_revocation']],
    ['mandatory sustained, retrain', 'retrain', BOTH(true, false), undefined, ['mandatory_ground_requires_revocation']],
    ['mandatory sustained, reprimand', 'reprimand', BOTH(true, false), undefined, ['mandatory_ground_requires_revocation']],
    ['mandatory sustained, no_action', 'no_action', BOTH(true, false), undefined, ['mandatory_ground_requires_revocation']],
    ['mandatory not sustained, discretionary suspend', 'suspend', BOTH(false, true), 30, []],
    ['discretionary sustained, revoke', 'revoke', BOTH(false, true), undefined, []],
    ['discretionary sustained, no_action', 'no_action', BOTH(false, true), undefined, []],
    ['nothing sustained, revoke', 'revoke', BOTH(false, false), undefined, ['sanction_requires_sustained_finding']],
    ['nothing sustained, suspend', 'suspend', BOTH(false, false), 30, ['sanction_requires_sustained_finding']],
    ['nothing sustained, retrain', 'retrain', BOTH(false, false), undefined, ['sanction_requires_sustained_finding']],
    ['nothing sustained, reprimand', 'reprimand', BOTH(false, false), undefined, ['sanction_requires_sustained_finding']],
    ['nothing sustained, no_action', 'no_action', BOTH(false, false), undefined, []],
    ['suspend without days', 'suspend', BOTH(false, true), undefined, ['suspension_days_required']],
    ['suspend 0 days', 'suspend', BOTH(false, true), 0, ['suspension_days_out_of_range']],
    ['suspend -3 days', 'suspend', BOTH(false, true), -3, ['suspension_days_out_of_range']],
    ['suspend 1.5 days', 'suspend', BOTH(false, true), 1.5, ['suspension_days_out_of_range']],
    ['suspend 3651 days', 'suspend', BOTH(false, true), 3651, ['suspension_days_out_of_range']],
    ['suspend 1 day', 'suspend', BOTH(false, true), 1, []],
    ['suspend 3650 days', 'suspend', BOTH(false, true), 3650, []],
    ['revoke with days', 'revoke', BOTH(true, false), 10, ['suspension_days_not_allowed']],
    ['retrain with days', 'retrain', BOTH(false, true), 10, ['suspension_days_not_allowed']],
    ['no_action with days', 'no_action', BOTH(false, false), 10, ['suspension_days_not_allowed']],
  ])('%s → %j', (_label, sanction, sustained, suspensionDays, reasons) => {
    const command = decide(sanction, sustained, suspensionDays === undefined ? {} : { suspensionDays });
    if (reasons.length === 0) expect(transitionCase(heardOn(), command, context()).next.decision?.sanction).toBe(sanction);
    else expect(refusalReasons(heardOn(), command)).toEqual(reasons);
  });

  it('names the mandatory grounds that force revocation', () => {
    const error = errorOf(() => transitionCase(heardOn(), decide('reprimand', BOTH(true, true)), context()));
    expect(error.extensions.mandatoryGrounds).toEqual([MANDATORY.code]);
  });

  it.each(['', '   '])('refuses a decision without reasons (%j)', (reasoning) => {
    expect(refusalReasons(heardOn(), decide('revoke', BOTH(true, false), { reasoning }))).toEqual(['reasoning_required']);
  });
});

describe('decide: standard of proof is derived from the sustained grounds', () => {
  it.each<[string, (typeof MANDATORY)[], Sanction, Record<string, boolean>, string]>([
    ['a sustained mandatory ground', [MANDATORY, DISCRETIONARY], 'revoke', BOTH(true, true), 'clear_and_convincing'],
    ['only a preponderance ground sustained', [MANDATORY, DISCRETIONARY], 'suspend', BOTH(false, true), 'preponderance'],
    [
      'a discretionary ground whose row asks for more',
      [DISCRETIONARY, STRICT_DISCRETIONARY],
      'revoke',
      { [DISCRETIONARY.code]: true, [STRICT_DISCRETIONARY.code]: true },
      'clear_and_convincing',
    ],
    ['nothing sustained', [MANDATORY, DISCRETIONARY], 'no_action', BOTH(false, false), 'preponderance'],
  ])('%s → %s', (_label, grounds, sanction, sustained, standard) => {
    const command = decide(sanction, sustained, sanction === 'suspend' ? { suspensionDays: 30 } : {});
    const { next } = transitionCase(heardOn(grounds), command, context());
    expect(next.decision).toEqual({
      sanction,
      findings: command.findings,
      standardOfProof: standard,
      suspensionDays: sanction === 'suspend' ? 30 : null,
      decidedOn: TODAY,
    });
  });

  it('treats a mandatory ground as clear and convincing whatever its row says', () => {
    expect(standardForGround({ mandatory: true, standardOfProof: 'preponderance' })).toBe('clear_and_convincing');
    expect(standardForGround({ mandatory: false, standardOfProof: null })).toBe('preponderance');
    expect(requiredStandardOfProof([])).toBe('preponderance');
  });
});

describe('decide: certification effects', () => {
  const withInterim = (grounds = [MANDATORY, DISCRETIONARY]) => heardOn(grounds, { interimSuspension: activeInterim() });

  it.each<[string, CaseState, CaseCommandOf<'decide'>, unknown[]]>([
    ['revoke on a mandatory ground', heardOn(), decide('revoke', BOTH(true, false)), [revoke('c. 6E §10(a)')]],
    ['revoke on a discretionary ground', heardOn(), decide('revoke', BOTH(false, true)), [revoke('c. 6E §10(b)')]],
    ['revoke replacing an interim suspension', withInterim(), decide('revoke', BOTH(true, false)), [revoke('c. 6E §10(a)')]],
    ['suspend 90 days', heardOn(), decide('suspend', BOTH(false, true), { suspensionDays: 90 }), [suspend(day(90))]],
    ['suspend replacing an interim', withInterim(), decide('suspend', BOTH(false, true), { suspensionDays: 5 }), [suspend(day(5))]],
    ['no_action, nothing to lift', heardOn(), decide('no_action', BOTH(false, false)), []],
    ['retrain, nothing to lift', heardOn(), decide('retrain', BOTH(false, true)), []],
    ['no_action lifts the interim suspension', withInterim(), decide('no_action', BOTH(false, false)), [lift()]],
    ['retrain lifts the interim suspension', withInterim(), decide('retrain', BOTH(false, true)), [lift()]],
    ['reprimand lifts the interim suspension', withInterim(), decide('reprimand', BOTH(false, true)), [lift()]],
  ])('%s', (_label, state, command, effects) => {
    expect(transitionCase(state, command, context()).effects).toEqual(effects);
  });

  it('ends the interim suspension in the case record whatever the sanction', () => {
    for (const command of [decide('revoke', BOTH(true, false)), decide('no_action', BOTH(false, false))]) {
      const { next } = transitionCase(withInterim(), command, context());
      expect(next.interimSuspension).toMatchObject({ endedOn: TODAY, endedBy: 'decision' });
    }
  });

  it('leaves an interim suspension lifted earlier as it was', () => {
    const lifted = activeInterim({ endedOn: day(-2), endedBy: 'lifted', outcome: 'lifted' });
    const state = heardOn(undefined, { interimSuspension: lifted });
    const { next, effects } = transitionCase(state, decide('no_action', BOTH(false, false)), context());
    expect(effects).toEqual([]);
    expect(next.interimSuspension).toEqual(lifted);
  });
});

function lift() {
  return { type: 'lift_suspension', reason: 'decision_without_suspension', basis: 'c. 6E §9' };
}

function revoke(basis: string) {
  return { type: 'revoke', reason: 'decision', basis };
}

function suspend(endsOn: string) {
  return { type: 'suspend', endsOn, reason: 'decision', basis: 'c. 6E §10(b)' };
}
