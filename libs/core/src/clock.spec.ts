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

  it('reads the system time', () => {
    const before = Date.now();
    const now = new SystemClock('America/New_York').now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
