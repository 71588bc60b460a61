import type { OfficerNameKind } from './officer-identity';
import { MATCH_THRESHOLD, matchNames, MatchReason, scorePart, transposedScore, typoScore, withSsnEvidence } from './name-match';
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

/** Families as the seeded `given_name_variant` table links them (migration 1766000000600). */
const NICKNAMES = [
  ['william', 'bill', 'billy', 'will', 'willie'],
  ['margaret', 'peggy', 'maggie', 'meg'],
  ['james', 'jim', 'jimmy'],
  ['robert', 'bob', 'rob'],
];
/** Primary|alternative double-metaphone codes as fuzzystrmatch gives them (`SELECT dmetaphone(x), dmetaphone_alt(x)`). */
const ALT_CODES: Codes = { smith: 'SM0|XMT', schmidt: 'XMT|SMT', john: 'JN|AN' };

function scoreWithTables(query: [string, string], names: Name[]) {
  const q = nameQuery(...query);
  return matchNames(
    q,
    names.map((name) => candidate('officer-1', name, q, ALT_CODES, NICKNAMES)),
  );
}

describe('matchNames, issue 21: transposed letters, nicknames, sound-alikes', () => {
  it.each<[string, [string, string], Name[], number, MatchReason[]]>([
    [
      'two letters swapped in a short given name (Jhon/John)',
      ['Jhon', 'Smith'],
      [{ firstName: 'John', lastName: 'Smith' }],
      Math.sqrt(0.85),
      ['transposed_letters'],
    ],
    [
      'two letters swapped in a longer given name (Mcihael/Michael)',
      ['Mcihael', 'Brown'],
      [{ firstName: 'Michael', lastName: 'Brown' }],
      Math.sqrt(0.85),
      ['transposed_letters'],
    ],
    [
      'two letters swapped in the surname (Smtih/Smith)',
      ['John', 'Smtih'],
      [{ firstName: 'John', lastName: 'Smith' }],
      Math.sqrt(0.85),
      ['transposed_letters'],
    ],
    ['swapped letters in both names', ['Jhon', 'Smtih'], [{ firstName: 'John', lastName: 'Smith' }], 0.85, ['transposed_letters']],
    [
      'swapped letters and swapped names',
      ['Smith', 'Jhon'],
      [{ firstName: 'John', lastName: 'Smith' }],
      0.95 * Math.sqrt(0.85),
      ['swapped_names', 'transposed_letters'],
    ],
    ['nickname without an alias (Bill/William)', ['Bill', 'Smith'], [{ firstName: 'William', lastName: 'Smith' }], Math.sqrt(0.9), ['nickname']],
    ['nickname (Peggy/Margaret)', ['Peggy', 'Jones'], [{ firstName: 'Margaret', lastName: 'Jones' }], Math.sqrt(0.9), ['nickname']],
    ['nickname (Jim/James)', ['Jim', 'Brown'], [{ firstName: 'James', lastName: 'Brown' }], Math.sqrt(0.9), ['nickname']],
    [
      'the record holds the nickname, the query the formal name',
      ['William', 'Smith'],
      [{ firstName: 'Bill', lastName: 'Smith' }],
      Math.sqrt(0.9),
      ['nickname'],
    ],
    ['two nicknames of one formal name (Billy/Will)', ['Billy', 'Smith'], [{ firstName: 'Will', lastName: 'Smith' }], Math.sqrt(0.9), ['nickname']],
    ['nickname with a misspelt surname', ['Bob', 'Smyth'], [{ firstName: 'Robert', lastName: 'Smith' }], Math.sqrt(0.9 * 0.85), ['nickname', 'misspelling']],
    ['sound-alike by the alternative code (Schmidt/Smith)', ['John', 'Schmidt'], [{ firstName: 'John', lastName: 'Smith' }], Math.sqrt(0.8), ['misspelling']],
  ])('%s', (_, query, names, expectedScore, expectedReasons) => {
    const [match] = scoreWithTables(query, names);
    expect(match).toBeDefined();
    expect(match.matchScore).toBeCloseTo(expectedScore, 2);
    expect(match.matchReasons).toEqual(expectedReasons);
  });

  it.each<[string, [string, string], Name]>([
    ['a nickname counts for the given name only (Bill as a surname is not William)', ['John', 'Bill'], { firstName: 'John', lastName: 'William' }],
    ['another family (Bill/Robert)', ['Bill', 'Smith'], { firstName: 'Robert', lastName: 'Smith' }],
    ['three edits are not a transposition (Jhon/Jane)', ['Jhon', 'Smith'], { firstName: 'Jane', lastName: 'Smith' }],
    ['the alternative code does not make given names alike (Jon/Anne)', ['Anne', 'Smith'], { firstName: 'John', lastName: 'Smith' }],
  ])('no match: %s', (_, query, name) => {
    expect(scoreWithTables(query, [name])).toEqual([]);
  });
});

describe('transposedScore (Damerau, optimal string alignment)', () => {
  it.each<[string, string, number, number]>([
    ['jhon', 'john', 2, 0.85],
    ['mcihael', 'michael', 2, 0.85],
    ['ab', 'ba', 2, 0], // two letters: one edit in two is not a name
    ['john', 'jane', 3, 0], // no transposition: Damerau = Levenshtein, nothing added
    ['smtih', 'smith', 2, 0.85],
    ['christophre', 'christopher', 2, 0.85],
  ])('%s / %s (Levenshtein %i) → %d', (stored, query, levenshteinDistance, expected) => {
    expect(transposedScore(stored, query, levenshteinDistance)).toBe(expected);
  });
});

describe('withSsnEvidence (DOMAIN.md "Hiring checks": SSN last four)', () => {
  const match = { matchScore: 0.8, matchReasons: ['misspelling'] as MatchReason[] };
  it.each<[string, string | undefined, string | null, number, MatchReason[]]>([
    ['agreement raises the score', '1234', '1234', 0.9, ['misspelling', 'ssn_match']],
    ['disagreement lowers it', '1234', '9999', 0.56, ['misspelling', 'ssn_mismatch']],
    ['no digits in the query: unchanged', undefined, '1234', 0.8, ['misspelling']],
    ['no digits on record: unchanged', '1234', null, 0.8, ['misspelling']],
  ])('%s', (_, query, record, expectedScore, expectedReasons) => {
    expect(withSsnEvidence(match, query, record)).toEqual({ matchScore: expectedScore, matchReasons: expectedReasons });
  });

  it('never hides a match: a mismatch below the listing threshold is still returned', () => {
    const lowered = withSsnEvidence({ matchScore: 0.5, matchReasons: ['misspelling'] as MatchReason[] }, '1234', '4321');
    expect(lowered.matchScore).toBeLessThan(MATCH_THRESHOLD);
    expect(lowered.matchReasons).toContain('ssn_mismatch');
  });
});
