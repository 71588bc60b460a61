import { CaseCommandOf, DEFAULT_CASE_CLOCKS } from './case-commands';
import { interimHearingDeadlines, interimHearingOverdue } from './case-interim';
import { CaseState, InterimSuspensionState } from './case-state';
import { transitionCase } from './case-workflow';
import { activeInterim, caseIn, context, day, errorOf, refusalReasons, TODAY } from './testing/case-fixtures';

const SECTION_9 = 'c. 6E §9';
const WAIVED_AND_HELD = 'interim_hearing_waived_and_held';
/** Suspended six days ago: the request window closed yesterday (5 days), a hearing may be held from yesterday on. */
const suspendedCase = (interim: Partial<InterimSuspensionState> = {}) =>
  caseIn('notice_issued', { interimSuspension: activeInterim({ suspendedOn: day(-6), ...interim }) });
const hearing = (fields: Omit<CaseCommandOf<'record_interim_hearing'>, 'action'>): CaseCommandOf<'record_interim_hearing'> => ({
  action: 'record_interim_hearing',
  ...fields,
});

describe('interim_suspend (c. 6E §9)', () => {
  it('suspends the certification at once, open-ended, and keeps the case where it is', () => {
    const { next, effects } = transitionCase(
      caseIn('hearing_scheduled'),
      { action: 'interim_suspend', trigger: 'felony_charge', reason: 'Charged with a felony' },
      context(),
    );
    expect(next.status).toBe('hearing_scheduled');
    expect(next.interimSuspension).toEqual({
      trigger: 'felony_charge',
      reason: 'Charged with a felony',
      suspendedOn: TODAY,
      hearingRequestedOn: null,
      hearingWaived: false,
      hearingHeldOn: null,
      outcome: null,
      endedOn: null,
      endedBy: null,
    });
    expect(effects).toEqual([{ type: 'suspend', endsOn: null, reason: 'interim_suspension', basis: SECTION_9 }]);
  });

  it.each([
    ['still in force', activeInterim()],
    ['already lifted', activeInterim({ endedOn: day(-1), endedBy: 'lifted', outcome: 'lifted' })],
  ])('is used at most once per case: refused when one is %s', (_label, interimSuspension) => {
    const command: CaseCommandOf<'interim_suspend'> = { action: 'interim_suspend', trigger: 'inquiry_finding', reason: 'PI' };
    expect(refusalReasons(caseIn('open', { interimSuspension }), command)).toEqual(['interim_suspension_already_used']);
  });
});

describe('record_interim_hearing', () => {
  it.each<[string, CaseState]>([
    ['never suspended', caseIn('open')],
    ['suspension lifted', suspendedCase({ endedOn: day(-1), endedBy: 'lifted', outcome: 'lifted' })],
  ])('is refused when %s', (_label, state) => {
    expect(refusalReasons(state, hearing({ outcome: 'lifted' }))).toEqual(['not_interim_suspended']);
  });

  it.each<[string, Partial<InterimSuspensionState>, Omit<CaseCommandOf<'record_interim_hearing'>, 'action'>, string[]]>([
    ['waived and held in one record', {}, { waived: true, heldOn: day(-1), outcome: 'continued' }, [WAIVED_AND_HELD]],
    ['held after a recorded waiver', { hearingWaived: true }, { heldOn: day(-1), outcome: 'continued' }, [WAIVED_AND_HELD]],
    ['requested before the suspension', {}, { requestedOn: day(-7), outcome: 'continued' }, ['requested_before_suspension']],
    ['requested in the future', {}, { requestedOn: day(1), outcome: 'continued' }, ['requested_on_in_future']],
    ['held before the suspension', {}, { heldOn: day(-7), outcome: 'continued' }, ['held_before_suspension']],
    ['held in the future', {}, { heldOn: day(2), outcome: 'lifted' }, ['held_on_in_future']],
    ['requested and held in the future', {}, { requestedOn: day(1), heldOn: day(2), outcome: 'lifted' }, ['held_on_in_future', 'requested_on_in_future']],
  ])('refuses a hearing %s', (_label, interim, fields, reasons) => {
    expect(refusalReasons(suspendedCase(interim), hearing(fields))).toEqual(reasons);
  });

  describe('both ends of the §9 clocks (c. 6E §9; 555 CMR 1.08)', () => {
    // Suspended on day(-6): request by day(-1) (INTERIM_HEARING_REQUEST_DAYS 5), hearing from day(-1) on.
    it.each<[string, Partial<InterimSuspensionState>, Omit<CaseCommandOf<'record_interim_hearing'>, 'action'>, string[]]>([
      ['a request on the last day of the window', {}, { requestedOn: day(-1), outcome: 'continued' }, []],
      ['a request the day after the window', {}, { requestedOn: TODAY, outcome: 'continued' }, ['interim_request_late']],
      ['a hearing 5 days after the suspension', { hearingRequestedOn: day(-5) }, { heldOn: day(-1), outcome: 'continued' }, []],
      ['a hearing 4 days after the suspension', { hearingRequestedOn: day(-5) }, { heldOn: day(-2), outcome: 'continued' }, ['interim_hearing_too_early']],
      ['a hearing the day of the suspension', {}, { heldOn: day(-6), outcome: 'lifted' }, ['interim_hearing_too_early']],
      [
        'an earlier hearing the officer asked for, recorded with the request',
        {},
        { requestedOn: day(-5), earlierHearingRequested: true, heldOn: day(-4), outcome: 'lifted' },
        [],
      ],
      [
        'an earlier hearing the officer asked for before',
        { hearingRequestedOn: day(-5), earlierHearingRequested: true },
        { heldOn: day(-3), outcome: 'continued' },
        [],
      ],
      ['an earlier hearing asked for without any request', {}, { earlierHearingRequested: true, outcome: 'continued' }, ['earlier_hearing_without_request']],
      [
        'a late request and an early hearing at once',
        {},
        { requestedOn: TODAY, heldOn: day(-3), outcome: 'continued' },
        ['interim_hearing_too_early', 'interim_request_late'],
      ],
    ])('%s', (_label, interim, fields, reasons) => {
      if (reasons.length === 0) expect(() => transitionCase(suspendedCase(interim), hearing(fields), context())).not.toThrow();
      else expect(refusalReasons(suspendedCase(interim), hearing(fields))).toEqual(reasons);
    });

    it('names the last day to ask and the first day to hold the hearing', () => {
      const late = errorOf(() => transitionCase(suspendedCase(), hearing({ requestedOn: TODAY, heldOn: day(-3), outcome: 'continued' }), context()));
      expect(late.extensions).toMatchObject({ requestBy: day(-1), earliestHearingOn: day(-1) });
    });

    it('judges only the dates the call records: a request recorded before the rule does not block the hearing', () => {
      const recordedLate = suspendedCase({ hearingRequestedOn: TODAY });
      expect(transitionCase(recordedLate, hearing({ heldOn: TODAY, outcome: 'lifted' }), context()).next.interimSuspension?.endedBy).toBe('lifted');
    });

    it("keeps the officer's request for an earlier hearing in the case", () => {
      const { next } = transitionCase(suspendedCase(), hearing({ requestedOn: day(-5), earlierHearingRequested: true, outcome: 'continued' }), context());
      expect(next.interimSuspension).toMatchObject({ hearingRequestedOn: day(-5), earlierHearingRequested: true });
    });
  });

  it('builds up the record: the request first, then the hearing that lifts the suspension', () => {
    const requested = transitionCase(suspendedCase(), hearing({ requestedOn: day(-2), outcome: 'continued' }), context());
    expect(requested.effects).toEqual([]);
    expect(requested.next.interimSuspension).toMatchObject({ hearingRequestedOn: day(-2), outcome: 'continued', endedOn: null });

    const held = transitionCase(requested.next, hearing({ heldOn: TODAY, outcome: 'lifted' }), context());
    expect(held.next.status).toBe('notice_issued');
    expect(held.next.interimSuspension).toMatchObject({
      hearingRequestedOn: day(-2),
      hearingHeldOn: TODAY,
      outcome: 'lifted',
      endedOn: TODAY,
      endedBy: 'lifted',
    });
    expect(held.effects).toEqual([{ type: 'lift_suspension', reason: 'interim_suspension_lifted', basis: SECTION_9 }]);
  });

  it('continues the suspension after a hearing without touching the certification', () => {
    const { next, effects } = transitionCase(suspendedCase(), hearing({ heldOn: day(-1), outcome: 'continued' }), context());
    expect(effects).toEqual([]);
    expect(next.interimSuspension).toMatchObject({ hearingHeldOn: day(-1), outcome: 'continued', endedOn: null });
  });

  it('lets the commission lift the suspension with no hearing at all', () => {
    expect(transitionCase(suspendedCase(), hearing({ outcome: 'lifted' }), context()).effects).toHaveLength(1);
  });

  it('records a waiver, and an explicit waived=false withdraws it', () => {
    const waived = transitionCase(suspendedCase(), hearing({ waived: true, outcome: 'continued' }), context()).next;
    expect(waived.interimSuspension?.hearingWaived).toBe(true);
    const withdrawn = transitionCase(waived, hearing({ waived: false, heldOn: TODAY, outcome: 'continued' }), context()).next;
    expect(withdrawn.interimSuspension).toMatchObject({ hearingWaived: false, hearingHeldOn: TODAY });
  });

  it('rejects a malformed date as invalid input (400), not as a rule', () => {
    const error = errorOf(() => transitionCase(suspendedCase(), hearing({ heldOn: '2026-02-30', outcome: 'lifted' }), context()));
    expect(error).toMatchObject({ code: 'CASE.INVALID_INPUT', kind: 'invalid' });
    expect(error.extensions.errors).toEqual([expect.objectContaining({ field: 'heldOn' })]);
  });
});

describe('interimHearingOverdue (c. 6E §9: requested hearing within INTERIM_HEARING_MAX_DAYS)', () => {
  const config = DEFAULT_CASE_CLOCKS;
  const requested = { suspendedOn: day(-16), hearingRequestedOn: day(-14) };

  it.each<[string, CaseState, boolean]>([
    ['requested, not held, 16 days after', suspendedCase(requested), true],
    ['requested, not held, exactly 15 days after', suspendedCase({ ...requested, suspendedOn: day(-15) }), false],
    ['requested and held', suspendedCase({ ...requested, hearingHeldOn: day(-2) }), false],
    ['waived', suspendedCase({ ...requested, hearingWaived: true }), false],
    ['never requested', suspendedCase({ suspendedOn: day(-40) }), false],
    ['suspension lifted', suspendedCase({ ...requested, endedOn: day(-1), endedBy: 'lifted' }), false],
    [
      'suspension ended by the decision',
      caseIn('decided', { interimSuspension: activeInterim({ ...requested, endedOn: day(-1), endedBy: 'decision' }) }),
      false,
    ],
    ['no interim suspension', caseIn('open'), false],
  ])('%s → %s', (_label, state, overdue) => {
    expect(interimHearingOverdue(state, TODAY, config)).toBe(overdue);
  });

  it('follows the configured limit', () => {
    const state = suspendedCase({ suspendedOn: day(-11), hearingRequestedOn: day(-10) });
    expect(interimHearingOverdue(state, TODAY, { ...config, interimHearingMaxDays: 10 })).toBe(true);
    expect(interimHearingOverdue(state, TODAY, config)).toBe(false);
  });

  it('gives the request and hearing deadlines from the day the suspension took effect', () => {
    expect(interimHearingDeadlines({ suspendedOn: TODAY }, config)).toEqual({ requestBy: day(5), earliestHearingOn: day(5), holdBy: day(15) });
  });
});
