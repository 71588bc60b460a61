import { DomainError } from '@app/core';
import { normalizeName } from '@app/officers';
import { PUBLIC_SEARCH_KEYSET, publicNameQuery } from './public-name-query';

const query = (raw: string) => publicNameQuery(raw, normalizeName);
const errorOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected an error');
};

describe('public name query', () => {
  it('should normalise the name the way stored names were', () => {
    expect(query("  José O'Brien-Smith ")).toBe('jose obrien smith');
  });

  it.each(['a', ' b ', '', ' '.repeat(50)])('should refuse %p as too short with a 400 naming the field', (raw) => {
    const error = errorOf(() => query(raw));
    expect(error).toMatchObject({
      kind: 'invalid',
      code: 'PUBLIC.INVALID_NAME',
      extensions: { errors: [{ field: 'name', message: 'name must be 2 to 100 characters' }] },
    });
  });

  it('should refuse a name over 100 characters', () => {
    expect(errorOf(() => query('x'.repeat(10_000)))).toMatchObject({ kind: 'invalid', code: 'PUBLIC.INVALID_NAME' });
    expect(query('x'.repeat(100))).toHaveLength(100);
  });

  it('should count characters as code points, as the request validation and PostgreSQL do', () => {
    expect(query('\u{2070E}'.repeat(60))).toBe('\u{2070E}'.repeat(60)); // 60 characters, 120 UTF-16 units
    expect(errorOf(() => query('\u{2070E}'.repeat(101)))).toMatchObject({ code: 'PUBLIC.INVALID_NAME' });
    expect(errorOf(() => query('\u{2070E}'))).toMatchObject({ extensions: { errors: [{ field: 'name', message: 'name must be 2 to 100 characters' }] } });
  });

  it.each(['%%', '__', "''", '\\\\', "%'", "a'", '_a_', '%a%'])('should refuse %p: metacharacters are not a name', (raw) => {
    expect(errorOf(() => query(raw))).toMatchObject({ kind: 'invalid', code: 'PUBLIC.INVALID_NAME', extensions: { errors: [{ field: 'name' }] } });
  });

  it('should keep only the letters and digits of an injection attempt, searched as plain text', () => {
    expect(query("' OR 1=1 --")).toBe('or 1 1');
    expect(query('Donn%_lly')).toBe('donn lly');
  });
});

describe('public search cursor', () => {
  it('should round-trip', () => {
    const cursor = { rank: 734, postId: 'MA-000042' };
    const { nextCursor } = PUBLIC_SEARCH_KEYSET.pageOf([cursor, cursor], 1, (last) => last);
    expect(PUBLIC_SEARCH_KEYSET.after(nextCursor!)).toEqual(cursor);
    expect(PUBLIC_SEARCH_KEYSET.after(undefined)).toBeUndefined();
  });

  it.each([
    'not-a-cursor',
    Buffer.from('{"r":1001,"p":"MA-000001"}').toString('base64url'),
    Buffer.from('{"r":5,"p":"x\' OR 1=1"}').toString('base64url'),
    Buffer.from('[]').toString('base64url'),
  ])('should refuse %p as a 400 on the cursor field', (value) => {
    expect(errorOf(() => PUBLIC_SEARCH_KEYSET.after(value))).toMatchObject({
      kind: 'invalid',
      code: 'PAGINATION.INVALID_CURSOR',
      extensions: { errors: [{ field: 'cursor' }] },
    });
  });
});
