import { FixedWindowCounter } from './fixed-window-counter';

describe('FixedWindowCounter', () => {
  let now: number;
  let storage: FixedWindowCounter;
  const hit = (key = 'client-a', limit = 3, blockDuration = 60_000, name = 'default') => {
    const { counted: _counted, ...record } = storage.increment(`${name}:${key}`, 60_000, limit, blockDuration, now);
    return record;
  };

  beforeEach(() => {
    now = 1_000_000;
    storage = new FixedWindowCounter();
  });

  it('counts hits up to the limit, then blocks with Retry-After seconds', () => {
    expect(hit()).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
    now += 10_500;
    expect(hit()).toEqual({ totalHits: 2, timeToExpire: 50, isBlocked: false, timeToBlockExpire: 0 });
    expect(hit()).toMatchObject({ totalHits: 3, isBlocked: false });
    expect(hit()).toEqual({ totalHits: 4, timeToExpire: 50, isBlocked: true, timeToBlockExpire: 60 });
  });

  it('keeps a blocked client blocked for blockDuration, across the window end, then starts afresh', () => {
    for (let i = 0; i < 4; i++) hit();
    now += 59_999;
    expect(hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 1 });
    now += 1; // the window has ended but the block (from the 4th hit at t0) ends now too
    expect(hit()).toEqual({ totalHits: 1, timeToExpire: 60, isBlocked: false, timeToBlockExpire: 0 });
  });

  it('blocks only until the window ends when there is no block duration', () => {
    for (let i = 0; i < 3; i++) hit('client-a', 3, 0);
    now += 20_000;
    expect(hit('client-a', 3, 0)).toEqual({ totalHits: 4, timeToExpire: 40, isBlocked: true, timeToBlockExpire: 40 });
    now += 40_000;
    expect(hit('client-a', 3, 0)).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('keeps clients and named throttlers apart', () => {
    for (let i = 0; i < 4; i++) hit('client-a');
    expect(hit('client-b')).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(hit('client-a', 3, 60_000, 'login')).toMatchObject({ totalHits: 1, isBlocked: false });
    expect(hit('client-a')).toMatchObject({ isBlocked: true });
  });

  it('keeps no per-hit history: 200,000 hits from one client are one counter', () => {
    // The default storage filtered a list of every hit on each request: this loop was quadratic there.
    for (let i = 0; i < 200_000; i++) hit('busy', 1_000_000);
    expect(storage.size).toBe(1);
    expect(hit('busy', 1_000_000)).toMatchObject({ totalHits: 200_001, isBlocked: false });
  });

  it('evicts clients whose window and block have ended, and no others', () => {
    hit('idle');
    for (let i = 0; i < 4; i++) hit('blocked', 3, 120_000);
    now += 60_000;
    hit('active');
    storage.evictExpired(now);
    expect(storage.size).toBe(2);
    now += 59_999;
    storage.evictExpired(now);
    expect(storage.size).toBe(2);
    now += 1; // 'active' window and the 'blocked' block both end now
    storage.evictExpired(now);
    expect(storage.size).toBe(0);
  });

  it('says whether a hit was counted: not when a block in force refused it', () => {
    expect(storage.increment('c', 60_000, 1, 60_000, now).counted).toBe(true);
    expect(storage.increment('c', 60_000, 1, 60_000, now)).toMatchObject({ counted: true, isBlocked: true });
    expect(storage.increment('c', 60_000, 1, 60_000, now)).toMatchObject({ counted: false, isBlocked: true });
  });

  it('adopts the shared hits of a window and keeps the later block', () => {
    storage.increment('c', 60_000, 3, 60_000, now);
    storage.adopt('c', { hits: 3, expiresAt: now + 30_000, blockedUntil: 0 });
    expect(storage.increment('c', 60_000, 3, 60_000, now)).toMatchObject({ totalHits: 4, isBlocked: true, timeToExpire: 30 });
    storage.adopt('c', { hits: 4, expiresAt: now + 30_000, blockedUntil: 0 });
    expect(storage.increment('c', 60_000, 3, 60_000, now)).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
  });
});
