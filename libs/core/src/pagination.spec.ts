import { DomainError } from './domain-error';
import { jsonCursor, Keyset, timeAndIdKeyset, uniqueKeyKeyset } from './pagination';

const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const ID = '0b7e6f1c-2f3a-4c5d-8e9f-0a1b2c3d4e5f';

const refusalOf = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a refusal');
};
const INVALID_CURSOR = { kind: 'invalid', code: 'PAGINATION.INVALID_CURSOR', extensions: { errors: [{ field: 'cursor', message: 'cursor is invalid' }] } };

describe('Keyset.page: one row more than the page, sliced, the next cursor from the last row kept', () => {
  const numbers = new Keyset(jsonCursor((parsed) => (typeof parsed === 'number' ? parsed : undefined)));
  const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ n: i + 1 }));

  it('asks the query for the page size plus one', async () => {
    const asked: number[] = [];
    await numbers.page(
      3,
      (fetchLimit) => {
        asked.push(fetchLimit);
        return Promise.resolve([]);
      },
      (last) => last,
    );
    expect(asked).toEqual([4]);
  });

  it.each([
    ['fewer rows than the page', 2, [1, 2], null],
    ['exactly a page', 3, [1, 2, 3], null],
    ['one row more than the page', 4, [1, 2, 3], 3],
  ] as const)('with %s', async (_label, fetched, expected, nextAfter) => {
    const page = await numbers.page(
      3,
      () => Promise.resolve(rows(fetched)),
      (last) => last.n,
    );
    expect(page.items.map((row) => row.n)).toEqual(expected);
    expect(page.nextCursor === null ? null : numbers.after(page.nextCursor)).toEqual(nextAfter);
  });

  it('an empty list has no next cursor', () => {
    expect(numbers.pageOf([], 3, () => 0)).toEqual({ items: [], nextCursor: null });
  });

  it('no cursor, or an empty one, is the first page', () => {
    expect(numbers.after(undefined)).toBeUndefined();
    expect(numbers.after('')).toBeUndefined();
  });

  it('a cursor its codec does not read back is the one invalid-cursor error', () => {
    expect(refusalOf(() => numbers.after(forge('seven')))).toMatchObject(INVALID_CURSOR);
    expect(refusalOf(() => numbers.after('not a cursor'))).toMatchObject(INVALID_CURSOR);
  });
});

describe('timeAndIdKeyset', () => {
  const roundTrip = (keyset: ReturnType<typeof timeAndIdKeyset>, position: { at: string; id: string }) =>
    keyset.after(keyset.pageOf([position, position], 1, (last) => last).nextCursor!);

  it('reads back what it wrote, for each shape', () => {
    const at = new Date('2026-03-10T15:00:00.123Z').toISOString();
    expect(roundTrip(timeAndIdKeyset(), { at, id: ID })).toEqual({ at, id: ID });
    expect(roundTrip(timeAndIdKeyset({ at: 'date', id: 'uuid' }), { at: '2026-02-28', id: ID })).toEqual({ at: '2026-02-28', id: ID });
    expect(roundTrip(timeAndIdKeyset({ at: 'timestamp', id: 'seq' }), { at, id: '42' })).toEqual({ at, id: '42' });
  });

  // Each of these reached a PostgreSQL cast before (a 500): JavaScript's Date.parse accepts what PostgreSQL refuses.
  it.each([
    ['an impossible date', { at: '2020-02-30', id: ID }],
    ['a bare number as the instant', { at: '1', id: ID }],
    ['a date where an instant is expected', { at: '2026-03-10', id: ID }],
    ['an instant not as the service writes it', { at: '2026-03-10T15:00:00Z', id: ID }],
    ['an hour out of range', { at: '2026-03-10T25:00:00.000Z', id: ID }],
    ['a non-UUID id', { at: '2026-03-10T15:00:00.000Z', id: 'x' }],
    ['a NUL in the id', { at: '2026-03-10T15:00:00.000Z', id: `${ID}\u0000` }],
    ['a number id', { at: '2026-03-10T15:00:00.000Z', id: 7 }],
    ['null', null],
    ['an array', [1, 2]],
  ])('refuses %s', (_label, value) => {
    expect(refusalOf(() => timeAndIdKeyset().after(forge(value)))).toMatchObject(INVALID_CURSOR);
  });

  it.each([
    ['an impossible calendar date', { at: '2026-02-30', id: ID }],
    ['an instant where a date is expected', { at: '2026-02-28T00:00:00.000Z', id: ID }],
  ])('refuses %s in a date cursor', (_label, value) => {
    expect(refusalOf(() => timeAndIdKeyset({ at: 'date', id: 'uuid' }).after(forge(value)))).toMatchObject(INVALID_CURSOR);
  });

  it.each([['0'], ['-1'], ['1.5'], ['1e3'], ['9999999999999999999']])('refuses the sequence %s', (id) => {
    expect(refusalOf(() => timeAndIdKeyset({ at: 'timestamp', id: 'seq' }).after(forge({ at: '2026-03-10T15:00:00.000Z', id })))).toMatchObject(INVALID_CURSOR);
  });

  it('refuses text that is not base64url JSON', () => {
    expect(refusalOf(() => timeAndIdKeyset().after('not a cursor'))).toMatchObject(INVALID_CURSOR);
    expect(refusalOf(() => timeAndIdKeyset().after('%00'))).toMatchObject(INVALID_CURSOR);
  });
});

describe('uniqueKeyKeyset', () => {
  it('is the last key itself, in and out', () => {
    const keyset = uniqueKeyKeyset();
    expect(keyset.pageOf(['A-1', 'B-2', 'C-3'], 2, (last) => last)).toEqual({ items: ['A-1', 'B-2'], nextCursor: 'B-2' });
    expect(keyset.after('B-2')).toBe('B-2');
  });
});
