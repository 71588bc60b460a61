import { CASE_CLOCKS, caseClocksDue } from './case-clocks';
import { DEFAULT_CASE_CLOCKS } from './case-commands';
import { CaseStatus } from './case-status';
import { activeInterim, caseIn, day } from './testing/case-fixtures';

const requested = activeInterim({ hearingRequestedOn: day(-1) });
/** suspendedOn day(-3) + INTERIM_HEARING_MAX_DAYS (15). */
const HOLD_BY = day(12);

describe('caseClocksDue', () => {
  it.each<[CaseStatus, { clock: string; dueOn: string }[]]>([
    ['open', []],
    ['notice_issued', [{ clock: 'response_due', dueOn: day(-45) }]],
    ['hearing_scheduled', [{ clock: 'hearing', dueOn: day(5) }]],
    ['heard', []],
    ['decided', [{ clock: 'appeal_window', dueOn: day(-10) }]],
    ['appealed', []],
    ['final', []],
    ['reversed', []],
    ['dismissed', []],
  ])('%s: %j', (status, expected) => {
    expect(caseClocksDue(caseIn(status), DEFAULT_CASE_CLOCKS)).toEqual(expected);
  });

  it.each<[CaseStatus, boolean]>([
    ['open', true],
    ['notice_issued', true],
    ['hearing_scheduled', true],
    ['heard', true],
    ['decided', true],
    ['appealed', true],
    ['final', false],
    ['reversed', false],
    ['dismissed', false],
  ])('a requested interim hearing in %s is due within the limit: %s', (status, due) => {
    const clocks = caseClocksDue(caseIn(status, { interimSuspension: requested }), DEFAULT_CASE_CLOCKS);
    expect(clocks.filter((c) => c.clock === 'interim_hearing')).toEqual(due ? [{ clock: 'interim_hearing', dueOn: HOLD_BY }] : []);
  });

  it.each([
    ['not requested', activeInterim()],
    ['held', activeInterim({ hearingRequestedOn: day(-1), hearingHeldOn: day(0) })],
    ['waived', activeInterim({ hearingRequestedOn: day(-1), hearingWaived: true })],
    ['ended', activeInterim({ hearingRequestedOn: day(-1), endedOn: day(0), endedBy: 'lifted' as const })],
  ])('an interim suspension whose hearing is %s has no clock', (_, interimSuspension) => {
    expect(caseClocksDue(caseIn('open', { interimSuspension }), DEFAULT_CASE_CLOCKS)).toEqual([]);
  });

  it('an answered notice no longer runs the response clock', () => {
    const answered = caseIn('notice_issued', { response: { recordedOn: day(-50), hearingRequested: false, waivesHearing: false } });
    expect(caseClocksDue(answered, DEFAULT_CASE_CLOCKS)).toEqual([]);
  });

  it('takes the clocks’ lengths from the configuration', () => {
    const config = { ...DEFAULT_CASE_CLOCKS, appealWindowDays: 45, interimHearingMaxDays: 10 };
    expect(caseClocksDue(caseIn('decided', { interimSuspension: requested }), config)).toEqual([
      { clock: 'interim_hearing', dueOn: day(7) },
      { clock: 'appeal_window', dueOn: day(5) },
    ]);
  });

  it('names the four clocks', () => {
    expect(CASE_CLOCKS).toEqual(['response_due', 'hearing', 'interim_hearing', 'appeal_window']);
  });
});
