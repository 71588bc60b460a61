import { addYears, ageOn, dateInTimeZone, daysBetween, isValidIsoDate } from './dates';

describe('calendar dates', () => {
  it.each([
    ['1995-02-28', true],
    ['1996-02-29', true],
    ['1995-02-30', false],
    ['1995-13-01', false],
    ['1995-1-01', false],
    ['not-a-date', false],
  ])('isValidIsoDate(%s) is %s', (value, expected) => {
    expect(isValidIsoDate(value)).toBe(expected);
  });

  it('adds years, clamping 29 February', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2025-08-15', 3)).toBe('2028-08-15');
  });

  it('computes completed years of age', () => {
    expect(ageOn('2004-11-25', '2025-11-24')).toBe(20);
    expect(ageOn('2004-11-25', '2025-11-25')).toBe(21);
  });

  it('counts days between dates', () => {
    expect(daysBetween('2026-01-01', '2026-01-31')).toBe(30);
    expect(daysBetween('2026-01-31', '2026-01-01')).toBe(-30);
  });

  // Instants around the day's end, and both of 2026's daylight-saving changes (8 March, 1 November).
  it.each([
    ['2026-11-26T02:00:00Z', 'America/New_York', '2026-11-25'],
    ['2026-11-26T04:59:59Z', 'America/New_York', '2026-11-25'],
    ['2026-11-26T05:00:00Z', 'America/New_York', '2026-11-26'],
    ['2026-07-01T03:59:59Z', 'America/New_York', '2026-06-30'],
    ['2026-07-01T04:00:00Z', 'America/New_York', '2026-07-01'],
    ['2026-03-08T04:59:59Z', 'America/New_York', '2026-03-07'],
    ['2026-03-08T07:30:00Z', 'America/New_York', '2026-03-08'],
    ['2026-11-01T05:30:00Z', 'America/New_York', '2026-11-01'],
    ['2026-01-01T07:59:59Z', 'America/Los_Angeles', '2025-12-31'],
    ['2026-01-01T00:00:00Z', 'UTC', '2026-01-01'],
    ['2025-12-31T23:59:59Z', 'UTC', '2025-12-31'],
    ['2026-01-01T10:00:00Z', 'Pacific/Kiritimati', '2026-01-02'],
  ])('dateInTimeZone(%s, %s) is %s', (instant, zone, expected) => {
    expect(dateInTimeZone(new Date(instant), zone)).toBe(expected);
  });
});
