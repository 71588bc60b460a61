import { addBusinessDays, businessDaysBetween, isBusinessDay, isReportLate, reportDueOn } from './business-days';

// March 2026: Fri 6, Sat 7, Sun 8, Mon 9, Tue 10, Wed 11. Patriots' Day (MA): Mon 20 April 2026.
const PATRIOTS_DAY = '2026-04-20';
const CHRISTMAS = '2026-12-25';
const HOLIDAYS = [PATRIOTS_DAY, CHRISTMAS];

describe('isBusinessDay', () => {
  it.each([
    ['2026-03-06', 'Friday', [], true],
    ['2026-03-07', 'Saturday', [], false],
    ['2026-03-08', 'Sunday', [], false],
    ['2026-03-09', 'Monday', [], true],
    [PATRIOTS_DAY, 'Monday, listed holiday', HOLIDAYS, false],
    [PATRIOTS_DAY, 'Monday, holiday not listed', [], true],
  ])('%s (%s) → %s', (date, _label, holidays, expected) => {
    expect(isBusinessDay(date, holidays)).toBe(expected);
  });
});

describe('businessDaysBetween: business days after `from`, up to and including `to`', () => {
  it.each([
    ['same day', '2026-03-10', '2026-03-10', [], 0],
    ['Friday to Sunday', '2026-03-06', '2026-03-08', [], 0],
    ['Friday to Monday', '2026-03-06', '2026-03-09', [], 1],
    ['Friday to Tuesday', '2026-03-06', '2026-03-10', [], 2],
    ['Friday to next Friday', '2026-03-06', '2026-03-13', [], 5],
    ['Friday to Tuesday over a Monday holiday', '2026-04-17', '2026-04-21', HOLIDAYS, 1],
    ['across a month end', '2026-02-27', '2026-03-03', [], 2],
    ['backwards: Tuesday to the Friday before', '2026-03-10', '2026-03-06', [], -2],
  ])('%s → %i', (_label, from, to, holidays, expected) => {
    expect(businessDaysBetween(from, to, holidays)).toBe(expected);
  });
});

describe('isReportLate (c. 6E §8(b): within 2 business days of receipt)', () => {
  it.each([
    ['received Friday, filed Monday', '2026-03-06', '2026-03-09', 2, [], false],
    ['received Friday, filed Tuesday', '2026-03-06', '2026-03-10', 2, [], false],
    ['received Friday, filed Wednesday', '2026-03-06', '2026-03-11', 2, [], true],
    ['received Wednesday, filed Friday', '2026-03-04', '2026-03-06', 2, [], false],
    ['received Wednesday, filed Saturday after the Friday deadline', '2026-03-04', '2026-03-07', 2, [], true],
    ['received Wednesday, filed Monday', '2026-03-04', '2026-03-09', 2, [], true],
    ['received Saturday, filed Tuesday', '2026-03-07', '2026-03-10', 2, [], false],
    ['received Sunday, filed Wednesday', '2026-03-08', '2026-03-11', 2, [], true],
    ['filed the day of receipt', '2026-03-10', '2026-03-10', 2, [], false],
    ["received Friday before Patriots' Day, filed Wednesday", '2026-04-17', '2026-04-22', 2, HOLIDAYS, false],
    ["received Friday before Patriots' Day, filed Thursday", '2026-04-17', '2026-04-23', 2, HOLIDAYS, true],
    ['same, holiday not configured, filed Wednesday', '2026-04-17', '2026-04-22', 2, [], true],
    ['received Christmas Eve, filed Tuesday 29th', '2026-12-24', '2026-12-29', 2, HOLIDAYS, false],
    ['received Christmas Eve, filed Wednesday 30th', '2026-12-24', '2026-12-30', 2, HOLIDAYS, true],
    ['a holiday listed on a Saturday changes nothing', '2026-03-06', '2026-03-10', 2, ['2026-03-07'], false],
    ['a configured deadline of 3 days', '2026-03-06', '2026-03-11', 3, [], false],
    ['a deadline of 0: the same day', '2026-03-09', '2026-03-09', 0, [], false],
    ['a deadline of 0: the next day is late', '2026-03-09', '2026-03-10', 0, [], true],
  ])('%s → late=%s', (_label, receivedOn, filedOn, deadline, holidays, late) => {
    expect(isReportLate(receivedOn, filedOn, deadline, holidays)).toBe(late);
  });

  it('gives the due day', () => {
    expect(reportDueOn('2026-03-06', 2, [])).toBe('2026-03-10');
    expect(reportDueOn('2026-04-17', 2, HOLIDAYS)).toBe('2026-04-22');
  });

  it.each([-1, 1.5, Number.NaN])('refuses a deadline of %s business days', (count) => {
    expect(() => addBusinessDays('2026-03-06', count, [])).toThrow(RangeError);
  });
});
