import { CaseCommandOf } from './case-commands';
import { appealWindowEndsOn } from './case-appeal';
import { AppealState, CaseState, DecisionState } from './case-state';
import { transitionCase } from './case-workflow';
import { caseIn, context, day, DISCRETIONARY, errorOf, refusalReasons, TODAY } from './testing/case-fixtures';

const decision = (sanction: DecisionState['sanction'], decidedOn = day(-40)): DecisionState => ({
  sanction,
  findings: [{ ground: DISCRETIONARY.code, sustained: sanction !== 'no_action' }],
  standardOfProof: 'preponderance',
  suspensionDays: sanction === 'suspend' ? 90 : null,
  decidedOn,
});
const appealed = (sanction: DecisionState['sanction'], stayed: boolean): CaseState =>
  caseIn('appealed', {
    decision: decision(sanction),
    appeal: { filedOn: day(-35), forum: 'Superior Court', stayed, outcome: null, resolvedOn: null },
  });
const appealCommand = (filedOn: string, stayed?: boolean): CaseCommandOf<'appeal'> => ({
  action: 'appeal',
  filedOn,
  forum: 'Suffolk Superior Court',
  ...(stayed === undefined ? {} : { stayed }),
});
const resolve = (outcome: 'upheld' | 'reversed'): CaseCommandOf<'resolve_appeal'> => ({
  action: 'resolve_appeal',
  outcome,
  summary: 'Judgment entered',
});

const REVERSE = (reason: string, basis: string) => ({ type: 'reverse_decision', reason, basis });
const REVERSED = REVERSE('appeal_reversed', 'c. 30A §14(7)');
const UPHELD = { reason: 'appeal_upheld', basis: 'c. 30A §14(7)' };

describe('appeal (c. 30A §14)', () => {
  it('records the appeal; the decision stays in effect unless stayed', () => {
    const { next, effects } = transitionCase(caseIn('decided'), appealCommand(day(-2)), context());
    expect(next.appeal).toEqual<AppealState>({
      filedOn: day(-2),
      forum: 'Suffolk Superior Court',
      stayed: false,
      outcome: null,
      resolvedOn: null,
    });
    expect(effects).toEqual([]);
  });

  it.each<[DecisionState['sanction'], unknown[]]>([
    ['revoke', [REVERSE('appeal_stayed', 'c. 30A §14(3)')]],
    ['suspend', [REVERSE('appeal_stayed', 'c. 30A §14(3)')]],
    ['retrain', []],
    ['no_action', []],
  ])('a stayed appeal of %s undoes what took the certification: %j', (sanction, effects) => {
    const state = caseIn('decided', { decision: decision(sanction) });
    expect(transitionCase(state, appealCommand(TODAY, true), context()).effects).toEqual(effects);
  });

  it.each([
    ['in the future', day(1), ['filed_on_in_future']],
    ['before the decision', day(-41), ['filed_before_decision']],
  ])('refuses an appeal filed %s', (_label, filedOn, reasons) => {
    expect(refusalReasons(caseIn('decided'), appealCommand(filedOn))).toEqual(reasons);
  });

  it('records a filing after the window: whether it is heard is for the court', () => {
    expect(transitionCase(caseIn('decided'), appealCommand(TODAY), context()).next.status).toBe('appealed');
  });
});

describe('resolve_appeal', () => {
  it.each<[string, CaseState, 'upheld' | 'reversed', string, unknown[]]>([
    ['upheld, revocation in effect', appealed('revoke', false), 'upheld', 'final', []],
    ['upheld, stayed revocation takes effect', appealed('revoke', true), 'upheld', 'final', [{ type: 'revoke', ...UPHELD }]],
    ['upheld, stayed suspension served from today', appealed('suspend', true), 'upheld', 'final', [{ type: 'suspend', endsOn: day(90), ...UPHELD }]],
    ['upheld, stayed reprimand', appealed('reprimand', true), 'upheld', 'final', []],
    ['reversed, revocation in effect', appealed('revoke', false), 'reversed', 'reversed', [REVERSED]],
    ['reversed, suspension in effect', appealed('suspend', false), 'reversed', 'reversed', [REVERSED]],
    ['reversed, stayed revocation already undone', appealed('revoke', true), 'reversed', 'reversed', []],
    ['reversed, retraining order', appealed('retrain', false), 'reversed', 'reversed', []],
  ])('%s', (_label, state, outcome, status, effects) => {
    const result = transitionCase(state, resolve(outcome), context());
    expect(result.next.status).toBe(status);
    expect(result.next.appeal).toMatchObject({ outcome, resolvedOn: TODAY });
    expect(result.effects).toEqual(effects);
  });
});

describe('finalize (c. 30A §14(1) window, default 30 days)', () => {
  const decidedOn = (daysAgo: number) => caseIn('decided', { decision: decision('suspend', day(-daysAgo)) });

  it.each([
    ['31 days after the decision', 31, undefined, true],
    ['on the 30th day, the last day to appeal', 30, undefined, false],
    ['the day after the decision', 1, undefined, false],
    ['the day after, appeal waived', 1, true, true],
    ['on the day of the decision, appeal waived', 0, true, true],
    ['on the 30th day, appealWaived=false', 30, false, false],
  ])('%s → allowed=%s', (_label, daysAgo, appealWaived, allowed) => {
    const command: CaseCommandOf<'finalize'> = { action: 'finalize', ...(appealWaived === undefined ? {} : { appealWaived }) };
    if (allowed) {
      const { next, effects } = transitionCase(decidedOn(daysAgo), command, context());
      expect(next.status).toBe('final');
      expect(next.finalization).toEqual({ finalizedOn: TODAY, appealWaived: appealWaived === true });
      expect(effects).toEqual([]);
    } else {
      expect(refusalReasons(decidedOn(daysAgo), command)).toEqual(['appeal_window_open']);
    }
  });

  it('tells when the window ends, and follows the configured window', () => {
    const error = errorOf(() => transitionCase(decidedOn(10), { action: 'finalize' }, context()));
    expect(error.extensions.appealWindowEndsOn).toBe(day(20));
    const ctx = context({ config: { ...context().config, appealWindowDays: 9 } });
    expect(transitionCase(decidedOn(10), { action: 'finalize' }, ctx).next.status).toBe('final');
    expect(appealWindowEndsOn('2026-01-31', context().config)).toBe('2026-03-02');
  });
});
