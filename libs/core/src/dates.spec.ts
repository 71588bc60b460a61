import { addYears, ageOn, daysBetween, isValidIsoDate } from './dates';

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
});
