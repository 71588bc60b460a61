import { FixedClock, SystemClock } from './clock';

describe('Clock', () => {
  it('gives today in its time zone', () => {
    const lateEvening = new Date('2026-11-26T02:30:00Z'); // 9:30 p.m. on the 25th in Boston
    expect(new FixedClock(lateEvening, 'America/New_York').today()).toBe('2026-11-25');
    expect(new FixedClock(lateEvening).today()).toBe('2026-11-26');
  });

  it('keeps its zone when its instant moves', () => {
    const clock = new FixedClock(new Date('2026-11-26T04:59:00Z'), 'America/New_York');
    expect(clock.today()).toBe('2026-11-25');
    clock.set(new Date('2026-11-26T05:00:00Z'));
    expect(clock.today()).toBe('2026-11-26');
  });

  it.each([
    ['America/New_York', '2026-11-26T04:59:59.999Z', '2026-11-25', '2026-11-26T05:00:00.000Z', '2026-11-26'],
    ['Asia/Kathmandu', '2026-11-25T18:14:59.999Z', '2026-11-25', '2026-11-25T18:15:00.000Z', '2026-11-26'], // UTC+05:45
    ['Pacific/Chatham', '2026-11-25T10:14:59.999Z', '2026-11-25', '2026-11-25T10:15:00.000Z', '2026-11-26'], // UTC+13:45 in summer
    ['UTC', '2026-11-25T23:59:59.999Z', '2026-11-25', '2026-11-26T00:00:00.000Z', '2026-11-26'],
  ])('turns the date at local midnight in %s, in the last millisecond of a minute it had already read', (zone, before, dayBefore, after, dayAfter) => {
    const clock = new FixedClock(new Date(before.replace(/:59\.999Z$/, ':00.000Z')), zone);
    expect(clock.today()).toBe(dayBefore); // the minute's date, read at its first instant
    clock.set(new Date(before));
    expect(clock.today()).toBe(dayBefore);
    clock.set(new Date(after));
    expect(clock.today()).toBe(dayAfter);
    clock.set(new Date(before)); // a clock set back (tests do) is read again, not served the later date
    expect(clock.today()).toBe(dayBefore);
  });

  it('reads the system time', () => {
    const before = Date.now();
    const now = new SystemClock('America/New_York').now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
