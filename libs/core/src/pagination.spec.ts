import { decodeCursor, encodeCursor } from './pagination';

const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const ID = '0b7e6f1c-2f3a-4c5d-8e9f-0a1b2c3d4e5f';

describe('keyset cursors', () => {
  it('reads back what it wrote, for each shape', () => {
    const at = new Date('2026-03-10T15:00:00.123Z').toISOString();
    expect(decodeCursor(encodeCursor({ at, id: ID }))).toEqual({ at, id: ID });
    expect(decodeCursor(encodeCursor({ at: '2026-02-28', id: ID }), { at: 'date', id: 'uuid' })).toEqual({ at: '2026-02-28', id: ID });
    expect(decodeCursor(encodeCursor({ at, id: '42' }), { at: 'timestamp', id: 'seq' })).toEqual({ at, id: '42' });
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
    expect(decodeCursor(forge(value))).toBeUndefined();
  });

  it.each([
    ['an impossible calendar date', { at: '2026-02-30', id: ID }],
    ['an instant where a date is expected', { at: '2026-02-28T00:00:00.000Z', id: ID }],
  ])('refuses %s in a date cursor', (_label, value) => {
    expect(decodeCursor(forge(value), { at: 'date', id: 'uuid' })).toBeUndefined();
  });

  it.each([['0'], ['-1'], ['1.5'], ['1e3'], ['9999999999999999999']])('refuses the sequence %s', (id) => {
    expect(decodeCursor(forge({ at: '2026-03-10T15:00:00.000Z', id }), { at: 'timestamp', id: 'seq' })).toBeUndefined();
  });

  it('refuses text that is not base64url JSON', () => {
    expect(decodeCursor('not a cursor')).toBeUndefined();
    expect(decodeCursor('%00')).toBeUndefined();
  });
});
