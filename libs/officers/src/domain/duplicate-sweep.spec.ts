import { judgeSweptPairs, SweepNamePair } from './duplicate-sweep';
import { candidate, nameQuery, trigramSimilarity } from './testing/name-evidence';

const NICKNAMES = [['william', 'bill', 'billy', 'will']];

/** A pair of names of officers `a` (the query) and `b` (stored), with the evidence the sweep's SQL would measure. */
function pair(a: string, queryName: [string, string], b: string, storedName: [string, string]): SweepNamePair {
  const query = nameQuery(...queryName);
  const stored = candidate(b, { firstName: storedName[0], lastName: storedName[1] }, query, {}, NICKNAMES);
  return {
    queryOfficerId: a,
    query,
    stored: {
      officerId: b,
      kind: stored.kind,
      firstName: stored.firstName,
      lastName: stored.lastName,
      normalizedFirst: stored.normalizedFirst,
      normalizedLast: stored.normalizedLast,
    },
    fullSimilarity: trigramSimilarity(`${stored.normalizedFirst} ${stored.normalizedLast}`, `${query.normalizedFirst} ${query.normalizedLast}`),
    first: stored.first,
    last: stored.last,
    lastVsQueryFirst: stored.lastVsQueryFirst,
    firstVsQueryLast: stored.firstVsQueryLast,
  };
}

describe('judgeSweptPairs (the rules of POST /officers, for names of two officers born the same day)', () => {
  it.each<[string, [string, string], [string, string], boolean]>([
    ['the same name', ['John', 'Castellano'], ['John', 'Castellano'], true],
    ['a nickname', ['Bill', 'Hartigan'], ['William', 'Hartigan'], true],
    ['two letters transposed', ['Jhon', 'Castellano'], ['John', 'Castellano'], true],
    ['a misspelt surname', ['Maria', 'Kowalcyk'], ['Maria', 'Kowalczyk'], true],
    ['first and last names swapped', ['Hartigan', 'William'], ['William', 'Hartigan'], true],
    ['another person of the same surname', ['Agnes', 'Hartigan'], ['William', 'Hartigan'], false],
    ['nothing alike', ['Agnes', 'Thornbury'], ['William', 'Hartigan'], false],
  ])('%s', (_, query, stored, expected) => {
    expect(judgeSweptPairs([pair('a', query, 'b', stored)], 0.5).length > 0).toBe(expected);
  });

  it('should give one entry per pair of officers, in either order, with the best score of their names', () => {
    const judged = judgeSweptPairs(
      [
        pair('b', ['Bill', 'Hartigan'], 'a', ['William', 'Hartigan']),
        pair('a', ['William', 'Hartigan'], 'b', ['William', 'Hartigan']),
        pair('a', ['William', 'Hartigan'], 'b', ['Bill', 'Hartigan']),
      ],
      0.5,
    );
    expect(judged).toEqual([{ officerId: 'a', otherOfficerId: 'b', matchScore: 1 }]);
  });

  it('should never pair an officer with itself', () => {
    expect(judgeSweptPairs([pair('a', ['John', 'Smith'], 'a', ['John', 'Smith'])], 0.5)).toEqual([]);
  });
});
