import { timeOrderedUuid } from './officer-import.store';

describe('timeOrderedUuid', () => {
  it('should make version-7 UUIDs of the current millisecond, each sorting after the one before', () => {
    const before = Date.now();
    const ids = Array.from({ length: 10_000 }, () => timeOrderedUuid());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // 10,000 ids in a few milliseconds: the counter orders those of one millisecond (a full counter borrows the next).
    for (let i = 1; i < ids.length; i++) expect(ids[i] > ids[i - 1]).toBe(true);
    const ms = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(ms(ids[0])).toBeGreaterThanOrEqual(before);
    expect(ms(ids[ids.length - 1])).toBeLessThan(Date.now() + 1_000);
  });
});
