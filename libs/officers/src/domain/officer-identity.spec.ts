import { dateOfBirthProblems, displayName, formatPostId, officerNameRows, POST_ID_PATTERN } from './officer-identity';

describe('dateOfBirthProblems', () => {
  const today = '2026-03-15';
  it.each([
    ['2026-03-15', []],
    ['2004-03-15', []],
    ['1906-03-14', []], // 120 years and a day: still 120
    ['1905-03-16', []],
    ['2026-03-16', ['dateOfBirth must not be in the future']],
    ['2999-01-01', ['dateOfBirth must not be in the future']],
    ['1905-03-15', ['dateOfBirth must be within the last 120 years']], // 121 today
    ['1800-01-01', ['dateOfBirth must be within the last 120 years']],
  ])('%s → %j', (dateOfBirth, messages) => {
    expect(dateOfBirthProblems(dateOfBirth, today).map((p) => p.message)).toEqual(messages);
    expect(dateOfBirthProblems(dateOfBirth, today).every((p) => p.field === 'dateOfBirth')).toBe(true);
  });
});

describe('displayName', () => {
  it('joins the parts that exist', () => {
    expect(displayName({ firstName: 'John', middleName: 'Q.', lastName: 'Public', suffix: 'Jr.' })).toBe('John Q. Public Jr.');
    expect(displayName({ firstName: 'Ana', middleName: null, lastName: 'Silva', suffix: null })).toBe('Ana Silva');
  });
});

describe('officerNameRows', () => {
  it('gives one current row and one row per alias, normalised', () => {
    expect(officerNameRows({ firstName: 'Renée', lastName: 'Dubois' }, [{ firstName: 'Renée', lastName: "O'Hara-Lee" }])).toEqual([
      { kind: 'current', firstName: 'Renée', lastName: 'Dubois', normalizedFirst: 'renee', normalizedLast: 'dubois', normalizedFull: 'renee dubois' },
      { kind: 'alias', firstName: 'Renée', lastName: "O'Hara-Lee", normalizedFirst: 'renee', normalizedLast: 'ohara lee', normalizedFull: 'renee ohara lee' },
    ]);
  });

  it('adds the middle name as a given name, after the current row, for an officer who goes by it', () => {
    expect(
      officerNameRows({ firstName: 'John', middleName: 'Paul', lastName: 'Jones' }, [{ firstName: 'John', lastName: 'Smith' }]).map((r) => [
        r.kind,
        r.normalizedFull,
      ]),
    ).toEqual([
      ['current', 'john jones'],
      ['middle', 'paul jones'],
      ['alias', 'john smith'],
    ]);
  });

  it.each([
    ['an initial', 'Q.'],
    ['an initial without its period', 'Q'],
    ['the given name again', 'JOHN'],
    ['punctuation only', "'-."],
    ['none', null],
    ['empty', ''],
  ])('adds no middle-name row for %s', (_, middleName) => {
    expect(officerNameRows({ firstName: 'John', middleName, lastName: 'Jones' }, []).map((r) => r.kind)).toEqual(['current']);
  });

  it('keeps a compound middle name whole, diacritics folded', () => {
    expect(officerNameRows({ firstName: 'Ana', middleName: 'María José', lastName: 'Silva' }, [])[1]).toEqual({
      kind: 'middle',
      firstName: 'María José',
      lastName: 'Silva',
      normalizedFirst: 'maria jose',
      normalizedLast: 'silva',
      normalizedFull: 'maria jose silva',
    });
  });
});

describe('formatPostId', () => {
  it.each([
    [1, 'MA-000001'],
    ['42', 'MA-000042'],
    [999999, 'MA-999999'],
    [1000000, 'MA-1000000'],
  ])('%s → %s', (n, expected) => {
    expect(formatPostId('MA', n)).toBe(expected);
    expect(POST_ID_PATTERN.test(expected)).toBe(true);
  });
});
