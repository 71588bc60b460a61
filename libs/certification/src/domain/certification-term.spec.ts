import { addYears } from '@app/core';
import { computeExpiry, isTermRunning, renewalStartOn } from './certification-term';

describe('computeExpiry', () => {
  it.each([
    // [start, date of birth, term years, expected expiry, why]
    ['2025-08-15', '1990-11-20', 3, '2028-11-01', 'DOMAIN.md example: born in November'],
    ['2025-08-01', '1990-08-20', 3, '2028-08-01', 'start + term is exactly the 1st of the birth month'],
    ['2025-08-15', '1990-08-20', 3, '2029-08-01', 'birth month already begun at start + term: a year on'],
    ['2025-08-02', '1990-08-20', 3, '2029-08-01', 'one day past the 1st is already too late'],
    ['2025-07-31', '1990-08-20', 3, '2028-08-01', 'the day before the birth month'],
    ['2025-08-15', '1990-01-05', 3, '2029-01-01', 'birth month earlier in the year: next calendar year'],
    ['2025-12-15', '1990-12-31', 3, '2029-12-01', 'December, started in December after the 1st'],
    ['2025-12-01', '1990-12-31', 3, '2028-12-01', 'December, started on 1 December'],
    ['2025-01-10', '1990-12-31', 3, '2028-12-01', 'December, started in January'],
    ['2025-12-15', '1990-01-15', 3, '2029-01-01', 'born in January, started in December: crosses the year'],
    ['2024-02-29', '1990-02-10', 3, '2028-02-01', 'started 29 Feb: minimum end is 28 Feb, February 1st is before it'],
    ['2024-02-29', '1990-03-10', 3, '2027-03-01', 'started 29 Feb, born in March'],
    ['2025-03-10', '2000-02-29', 3, '2029-02-01', 'born on 29 February'],
    ['2025-01-15', '2000-02-29', 3, '2028-02-01', 'born on 29 February, birth month after start'],
    ['2025-08-15', '1990-11-20', 4, '2029-11-01', 'another term length'],
  ] as const)('birth_month: %s, born %s, %i years → %s (%s)', (start, dateOfBirth, years, expected, _why) => {
    expect(computeExpiry(start, dateOfBirth, years, 'birth_month')).toBe(expected);
  });

  it.each([
    ['2025-08-15', '2028-08-15'],
    ['2024-02-29', '2027-02-28'],
    ['2025-12-31', '2028-12-31'],
  ])('none: %s → exactly three years later, %s', (start, expected) => {
    expect(computeExpiry(start, '1990-11-20', 3, 'none')).toBe(expected);
  });

  it('birth_month is never shorter than the statutory term and less than a year longer', () => {
    const starts = ['2025-01-01', '2025-01-31', '2025-02-28', '2024-02-29', '2025-06-15', '2025-11-01', '2025-12-31'];
    for (const start of starts) {
      const minimumEnd = addYears(start, 3);
      for (let month = 1; month <= 12; month += 1) {
        const dateOfBirth = `1990-${String(month).padStart(2, '0')}-15`;
        const expiry = computeExpiry(start, dateOfBirth, 3, 'birth_month');
        expect(expiry >= minimumEnd).toBe(true);
        expect(expiry < addYears(minimumEnd, 1)).toBe(true);
        expect(expiry.slice(5)).toBe(`${String(month).padStart(2, '0')}-01`);
      }
    }
  });
});

describe('renewalStartOn', () => {
  it.each([
    ['2028-09-01', '2028-11-01', 'renewed before expiry: at the old expiry'],
    ['2028-11-01', '2028-11-01', 'renewed on the expiry date'],
    ['2029-02-10', '2029-02-10', 'renewed after expiry (lapsed): on the renewal date'],
  ])('renewed on %s → starts %s (%s)', (renewedOn, expected) => {
    expect(renewalStartOn('2028-11-01', renewedOn)).toBe(expected);
  });
});

describe('isTermRunning', () => {
  it.each([
    ['2028-10-31', true],
    ['2028-11-01', false],
  ])('on %s: %s', (today, running) => {
    expect(isTermRunning({ expiresOn: '2028-11-01' }, today)).toBe(running);
  });

  it('no term, nothing running', () => {
    expect(isTermRunning({ expiresOn: null }, '2026-01-01')).toBe(false);
  });
});
