import type { OfficerNameKind } from './officer-identity';
import { MATCH_THRESHOLD, matchNames, MatchReason, scorePart, typoScore } from './name-match';
import { candidate, Codes, nameQuery, trigramSimilarity } from './testing/name-evidence';

type Name = { firstName: string; lastName: string; kind?: OfficerNameKind };

/** double-metaphone codes as PostgreSQL's fuzzystrmatch gives them (checked with `SELECT dmetaphone(...)`). */
const CODES: Codes = { kowalsky: 'KLSK', kowalczyk: 'KLSK', smith: 'SM0', smyth: 'SM0', jane: 'JN', john: 'JN' };

function score(query: [string, string], names: Name[]) {
  const q = nameQuery(...query);
  return matchNames(
    q,
    names.map((name) => candidate('officer-1', name, q, CODES)),
  );
}

describe('matchNames (DOMAIN.md "Hiring checks": name tolerance)', () => {
  it.each<[string, [string, string], Name[], number, MatchReason[]]>([
    ['exact', ['John', 'Smith'], [{ firstName: 'John', lastName: 'Smith' }], 1, ['exact_name']],
    ['case and spacing only', ['  JOHN ', 'smith'], [{ firstName: 'John', lastName: 'Smith' }], 1, ['exact_name']],
    ['misspelt surname that sounds alike (Kowalsky/Kowalczyk)', ['Jan', 'Kowalsky'], [{ firstName: 'Jan', lastName: 'Kowalczyk' }], 0.894, ['misspelling']],
    ['one-letter slip in the given name', ['Jon', 'Smith'], [{ firstName: 'John', lastName: 'Smith' }], 0.922, ['misspelling']],
    ['Smyth for Smith', ['John', 'Smyth'], [{ firstName: 'John', lastName: 'Smith' }], 0.922, ['misspelling']],
    [
      'hyphenated surname, one half queried (Smith-Jones/Jones)',
      ['Mary', 'Jones'],
      [{ firstName: 'Mary', lastName: 'Smith-Jones' }],
      0.949,
      ['compound_surname'],
    ],
    ['one half stored, hyphenated queried', ['Mary', 'Smith-Jones'], [{ firstName: 'Mary', lastName: 'Jones' }], 0.949, ['compound_surname']],
    ['hyphen in the query, space in the record', ['Mary', 'Smith-Jones'], [{ firstName: 'Mary', lastName: 'Smith Jones' }], 1, ['exact_name']],
    ['compound surname written as one word', ['Piet', 'Vanderberg'], [{ firstName: 'Piet', lastName: 'Van der Berg' }], 0.985, ['compound_surname']],
    ['compound surname with its halves reordered', ['Maria', 'Lopez Garcia'], [{ firstName: 'Maria', lastName: 'Garcia-Lopez' }], 0.985, ['compound_surname']],
    [
      'given and middle name reordered (Paul John for John Paul)',
      ['Paul John', 'Smith'],
      [{ firstName: 'John Paul', lastName: 'Smith' }],
      0.985,
      ['known_by_middle_name'],
    ],
    ['diacritics (José/Jose)', ['Jose', 'Garcia'], [{ firstName: 'José', lastName: 'García' }], 1, ['diacritics']],
    ['diacritics the other way round', ['Zoë', 'Müller'], [{ firstName: 'Zoe', lastName: 'Muller' }], 1, ['diacritics']],
    ['swapped first and last names', ['Smith', 'John'], [{ firstName: 'John', lastName: 'Smith' }], 0.95, ['swapped_names']],
    ['swapped and misspelt', ['Kowalsky', 'Jan'], [{ firstName: 'Jan', lastName: 'Kowalczyk' }], 0.849, ['swapped_names', 'misspelling']],
    ['middle name in the query, not in the record', ['John Paul', 'Smith'], [{ firstName: 'John', lastName: 'Smith' }], 0.949, ['middle_name_ignored']],
    ['middle name in the record, not in the query', ['John', 'Smith'], [{ firstName: 'John Paul', lastName: 'Smith' }], 0.949, ['middle_name_ignored']],
    [
      'nickname in the alias list (Robert listed as alias Bob)',
      ['Bob', 'Smith'],
      [
        { firstName: 'Robert', lastName: 'Smith' },
        { firstName: 'Bob', lastName: 'Smith', kind: 'alias' },
      ],
      1,
      ['exact_name', 'alias', 'nickname'],
    ],
    [
      'name change through an alias (maiden name)',
      ['Mary', 'Smith'],
      [
        { firstName: 'Mary', lastName: 'Jones' },
        { firstName: 'Mary', lastName: 'Smith', kind: 'alias' },
      ],
      1,
      ['exact_name', 'alias'],
    ],
    [
      'misspelt former name',
      ['Mary', 'Smyth'],
      [
        { firstName: 'Mary', lastName: 'Jones' },
        { firstName: 'Mary', lastName: 'Smith', kind: 'alias' },
      ],
      0.922,
      ['alias', 'misspelling'],
    ],
    [
      'goes by the middle name (Paul Jones for John Paul Jones)',
      ['Paul', 'Jones'],
      [
        { firstName: 'John', lastName: 'Jones' },
        { firstName: 'Paul', lastName: 'Jones', kind: 'middle' },
      ],
      0.95,
      ['known_by_middle_name'],
    ],
    [
      'the middle name with a one-letter slip',
      ['Paull', 'Jones'],
      [
        { firstName: 'John', lastName: 'Jones' },
        { firstName: 'Paul', lastName: 'Jones', kind: 'middle' },
      ],
      0.95 * Math.sqrt(0.85),
      ['misspelling', 'known_by_middle_name'],
    ],
    [
      'the given name still wins over the middle name it equals in score',
      ['John', 'Jones'],
      [
        { firstName: 'John', lastName: 'Jones' },
        { firstName: 'Paul', lastName: 'Jones', kind: 'middle' },
      ],
      1,
      ['exact_name'],
    ],
  ])('%s', (_, query, names, expectedScore, expectedReasons) => {
    const [match] = score(query, names);
    expect(match).toBeDefined();
    expect(match.matchScore).toBeCloseTo(expectedScore, 2);
    expect(match.matchReasons).toEqual(expectedReasons);
  });

  it.each<[string, [string, string], Name]>([
    ['twins: same surname and birth date, another given name', ['Jane', 'Smith'], { firstName: 'John', lastName: 'Smith' }],
    ['twins: James and John', ['James', 'Smith'], { firstName: 'John', lastName: 'Smith' }],
    ['someone else born the same day', ['Ana', 'Lopez'], { firstName: 'John', lastName: 'Smith' }],
    ['a one-letter given name is not a wildcard', ['J', 'Smith'], { firstName: 'John', lastName: 'Smith' }],
    ['same given name, unrelated surname', ['John', 'Brown'], { firstName: 'John', lastName: 'Smith' }],
  ])('no match: %s', (_, query, name) => {
    expect(score(query, [name])).toEqual([]);
  });

  it('lists every officer with the same name and birth date, never merged', () => {
    const q = nameQuery('John', 'Smith');
    const matches = matchNames(q, [
      candidate('officer-b', { firstName: 'John', lastName: 'Smith' }, q),
      candidate('officer-a', { firstName: 'John', lastName: 'Smith' }, q),
      candidate('officer-c', { firstName: 'Jon', lastName: 'Smith' }, q),
    ]);
    expect(matches.map((m) => [m.officerId, m.matchScore])).toEqual([
      ['officer-a', 1],
      ['officer-b', 1],
      ['officer-c', 0.922],
    ]);
  });

  it('one entry per officer: the best of its names, the current one on a tie', () => {
    const q = nameQuery('Mary', 'Smith');
    const matches = matchNames(q, [
      candidate('officer-1', { firstName: 'Mary', lastName: 'Smith', kind: 'alias' }, q),
      candidate('officer-1', { firstName: 'Mary', lastName: 'Smith' }, q),
      candidate('officer-1', { firstName: 'Mary', lastName: 'Smyth', kind: 'alias' }, q),
    ]);
    expect(matches).toEqual([
      { officerId: 'officer-1', matchScore: 1, matchReasons: ['exact_name'], matchedName: { firstName: 'Mary', lastName: 'Smith', kind: 'current' } },
    ]);
  });

  it('no candidates, no matches', () => {
    expect(matchNames(nameQuery('John', 'Smith'), [])).toEqual([]);
  });
});

describe('typoScore', () => {
  it.each([
    [0, 4, 1],
    [1, 4, 0.85],
    [1, 2, 0],
    [2, 5, 0],
    [2, 6, 0.7],
    [3, 8, 0],
    [3, 9, 0.6],
    [4, 20, 0],
  ])('distance %i over %i letters → %d', (distance, length, expected) => {
    expect(typoScore(distance, length)).toBe(expected);
  });
});

describe('scorePart', () => {
  const evidence = (stored: string, query: string) => ({
    similarity: trigramSimilarity(stored, query),
    distance: 99,
    wordSimilarity: 0,
    soundsAlike: true,
    wordSoundsAlike: true,
  });

  it('phonetic codes count for surnames, not for given names (Jane and John are both JN)', () => {
    expect(scorePart('jane', 'john', evidence('jane', 'john'), 'last').score).toBe(0.8);
    expect(scorePart('jane', 'john', evidence('jane', 'john'), 'first').score).toBeLessThan(MATCH_THRESHOLD ** 2);
  });
});
