import { CaseCommandOf } from './case-commands';
import { CaseStatus } from './case-status';
import { transitionCase } from './case-workflow';
import { activeInterim, caseIn, context, day, errorOf, refusalReasons, TODAY } from './testing/case-fixtures';

describe('issue_notice (c. 6E §10: notice and an opportunity to respond)', () => {
  const notice = (responseDueOn: string, proposedSanction = 'suspend'): CaseCommandOf<'issue_notice'> =>
    ({ action: 'issue_notice', proposedSanction, responseDueOn }) as CaseCommandOf<'issue_notice'>;

  it('records the notice and its response deadline', () => {
    const { next, effects } = transitionCase(caseIn('open'), notice(day(14), 'revoke'), context());
    expect(next.notice).toEqual({ issuedOn: TODAY, proposedSanction: 'revoke', responseDueOn: day(14) });
    expect(effects).toEqual([]);
  });

  it.each([
    ['13 days ahead with the default 14', day(13), 14, ['response_due_too_soon']],
    ['today', TODAY, 14, ['response_due_too_soon']],
    ['14 days ahead with a configured 21', day(14), 21, ['response_due_too_soon']],
    ['21 days ahead with a configured 21', day(21), 21, []],
  ])('response due %s → %j', (_label, dueOn, noticeMinDays, reasons) => {
    const ctx = context({ config: { ...context().config, noticeMinDays } });
    if (reasons.length === 0) expect(transitionCase(caseIn('open'), notice(dueOn), ctx).next.status).toBe('notice_issued');
    else expect(refusalReasons(caseIn('open'), notice(dueOn), ctx)).toEqual(reasons);
  });

  it('tells the earliest acceptable response date', () => {
    expect(errorOf(() => transitionCase(caseIn('open'), notice(day(1)), context())).extensions.earliestResponseDueOn).toBe(day(14));
  });

  it('does not propose "no action", and reports it with a short deadline at once', () => {
    expect(refusalReasons(caseIn('open'), notice(day(1), 'no_action'))).toEqual(['response_due_too_soon', 'sanction_not_proposable']);
  });

  it('rejects a malformed response date as invalid input', () => {
    expect(errorOf(() => transitionCase(caseIn('open'), notice('14 days'), context())).code).toBe('CASE.INVALID_INPUT');
  });
});

describe('record_response', () => {
  const response = (hearingRequested: boolean, waivesHearing?: boolean): CaseCommandOf<'record_response'> => ({
    action: 'record_response',
    summary: 'The officer answers',
    hearingRequested,
    ...(waivesHearing === undefined ? {} : { waivesHearing }),
  });

  it.each([
    [true, undefined, { hearingRequested: true, waivesHearing: false }],
    [false, undefined, { hearingRequested: false, waivesHearing: false }],
    [false, true, { hearingRequested: false, waivesHearing: true }],
  ])('records hearingRequested=%s waivesHearing=%s', (requested, waives, recorded) => {
    const { next } = transitionCase(caseIn('notice_issued'), response(requested, waives), context());
    expect(next.status).toBe('notice_issued');
    expect(next.response).toEqual({ recordedOn: TODAY, ...recorded });
  });

  it('records a late answer too (its date shows it was late)', () => {
    const state = caseIn('notice_issued');
    expect(state.notice!.responseDueOn < TODAY).toBe(true);
    expect(transitionCase(state, response(true), context()).next.response?.recordedOn).toBe(TODAY);
  });

  describe('by the officer (POST /me/cases/:id/response)', () => {
    const officer = context({ actorRoles: ['officer'] });
    const dueOn = (responseDueOn: string) => ({
      ...caseIn('notice_issued'),
      notice: { issuedOn: day(-14), proposedSanction: 'suspend' as const, responseDueOn },
    });

    it.each([
      ['due later', day(3), []],
      ['due today', TODAY, []],
      ['due yesterday', day(-1), ['response_window_closed']],
    ])('answer %s → %j', (_label, due, reasons) => {
      if (reasons.length === 0) expect(transitionCase(dueOn(due), response(true), officer).next.response?.recordedOn).toBe(TODAY);
      else expect(refusalReasons(dueOn(due), response(true), officer)).toEqual(reasons);
    });

    it('names the deadline that passed, and keeps the other rules', () => {
      expect(errorOf(() => transitionCase(dueOn(day(-1)), response(false), officer)).extensions.responseDueOn).toBe(day(-1));
      expect(refusalReasons(dueOn(day(-1)), response(true, true), officer)).toEqual(['hearing_requested_and_waived', 'response_window_closed']);
    });
  });

  it('refuses a second answer: a decision may already rely on the first', () => {
    const answered = transitionCase(caseIn('notice_issued'), response(false), context()).next;
    expect(refusalReasons(answered, response(true))).toEqual(['response_already_recorded']);
  });

  it('refuses asking for a hearing and waiving it in one answer', () => {
    expect(refusalReasons(caseIn('notice_issued'), response(true, true))).toEqual(['hearing_requested_and_waived']);
  });
});

describe('schedule_hearing and record_hearing', () => {
  it.each([
    ['today', TODAY, []],
    ['next week', day(7), []],
    ['yesterday', day(-1), ['hearing_date_in_past']],
  ])('schedules a hearing %s → %j', (_label, hearingOn, reasons) => {
    const command: CaseCommandOf<'schedule_hearing'> = { action: 'schedule_hearing', hearingOn };
    if (reasons.length > 0) expect(refusalReasons(caseIn('notice_issued'), command)).toEqual(reasons);
    else expect(transitionCase(caseIn('notice_issued'), command, context()).next.hearing).toEqual({ hearingOn, heldOn: null });
  });

  it.each([
    ['today', TODAY, []],
    ['on the day of the notice', day(-60), []],
    ['tomorrow', day(1), ['held_on_in_future']],
    ['before the notice', day(-61), ['hearing_before_notice']],
  ])('records a hearing held %s → %j', (_label, heldOn, reasons) => {
    const command: CaseCommandOf<'record_hearing'> = { action: 'record_hearing', heldOn, summary: 'Heard' };
    const state = caseIn('hearing_scheduled');
    if (reasons.length > 0) expect(refusalReasons(state, command)).toEqual(reasons);
    else expect(transitionCase(state, command, context()).next.hearing).toEqual({ hearingOn: state.hearing!.hearingOn, heldOn });
  });
});

// The notice of today gives the officer until day 14 to answer; nothing answered yet.
describe('the response window before a hearing (c. 6E §10: an opportunity to respond)', () => {
  const noticedToday = caseIn('notice_issued', { notice: { issuedOn: TODAY, proposedSanction: 'revoke', responseDueOn: day(14) }, response: null });
  const answered = { ...noticedToday, response: { recordedOn: TODAY, hearingRequested: true, waivesHearing: false } };
  const schedule = (hearingOn: string): CaseCommandOf<'schedule_hearing'> => ({ action: 'schedule_hearing', hearingOn });
  const held = (heldOn: string): CaseCommandOf<'record_hearing'> => ({ action: 'record_hearing', heldOn, summary: 'Heard' });

  it.each([
    ['today, unanswered', noticedToday, TODAY, ['hearing_before_response_due']],
    ['the day before the answer is due, unanswered', noticedToday, day(13), ['hearing_before_response_due']],
    ['the day the answer is due, unanswered', noticedToday, day(14), []],
    ['today, once the officer has answered', answered, TODAY, []],
  ])('schedules a hearing %s → %j', (_label, state, hearingOn, reasons) => {
    if (reasons.length > 0) expect(refusalReasons(state, schedule(hearingOn))).toEqual(reasons);
    else expect(transitionCase(state, schedule(hearingOn), context()).next.status).toBe('hearing_scheduled');
  });

  it('tells the date the answer is due', () => {
    expect(errorOf(() => transitionCase(noticedToday, schedule(TODAY), context())).extensions.responseDueOn).toBe(day(14));
  });

  it('refuses to record an unanswered hearing held before the answer was due, and records it once answered', () => {
    const scheduled = { ...noticedToday, status: 'hearing_scheduled' as const, hearing: { hearingOn: day(14), heldOn: null } };
    expect(refusalReasons(scheduled, held(TODAY))).toEqual(['hearing_before_response_due']);
    const answeredScheduled = { ...scheduled, response: answered.response };
    expect(transitionCase(answeredScheduled, held(TODAY), context()).next).toMatchObject({ status: 'heard', hearing: { hearingOn: day(14), heldOn: TODAY } });
  });
});

describe('dismiss', () => {
  const PENDING: CaseStatus[] = ['open', 'notice_issued', 'hearing_scheduled', 'heard'];
  const command: CaseCommandOf<'dismiss'> = { action: 'dismiss', reason: 'Insufficient evidence' };

  it.each(PENDING)('from %s records the dismissal and touches no certification without an interim suspension', (status) => {
    const { next, effects } = transitionCase(caseIn(status), command, context());
    expect(next.dismissal).toEqual({ dismissedOn: TODAY, reason: 'Insufficient evidence' });
    expect(effects).toEqual([]);
  });

  it.each(PENDING)('from %s lifts an interim suspension in force (c. 6E §9)', (status) => {
    const { next, effects } = transitionCase(caseIn(status, { interimSuspension: activeInterim() }), command, context());
    expect(effects).toEqual([{ type: 'lift_suspension', reason: 'dismissal', basis: 'c. 6E §9' }]);
    expect(next.interimSuspension).toMatchObject({ endedOn: TODAY, endedBy: 'dismissal' });
  });

  it('does not lift an interim suspension lifted before', () => {
    const lifted = activeInterim({ endedOn: day(-1), endedBy: 'lifted', outcome: 'lifted' });
    const { next, effects } = transitionCase(caseIn('open', { interimSuspension: lifted }), command, context());
    expect(effects).toEqual([]);
    expect(next.interimSuspension).toEqual(lifted);
  });
});
