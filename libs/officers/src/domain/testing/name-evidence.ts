import type { OfficerNameKind } from '../officer-identity';
import type { NameCandidate, NameQuery, PartEvidence } from '../name-match';

/**
 * For unit tests only: the evidence PostgreSQL would supply, computed in JS. `similarity`
 * follows pg_trgm (per-word trigrams, two spaces before and one after each word, set
 * overlap); `distance` is plain Levenshtein; double-metaphone codes come from `codes`
 * (default: the word itself, so nothing sounds alike unless the test says so; `SM0|XMT` gives
 * the primary and the alternative code); `nicknames` lists families of given names, as the
 * `given_name_variant` table links them.
 */
export function trigrams(value: string): Set<string> {
  const set = new Set<string>();
  for (const word of value
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)) {
    const padded = `  ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) set.add(padded.slice(i, i + 3));
  }
  return set;
}

export function trigramSimilarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let common = 0;
  for (const t of ta) if (tb.has(t)) common++;
  return common / (ta.size + tb.size - common);
}

export function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

export type Codes = Record<string, string>;

function evidence(stored: string, query: string, codes: Codes, nicknames: readonly (readonly string[])[] = []): PartEvidence {
  const code = (word: string) => (codes[word] ?? word.toUpperCase()).split('|')[0];
  const bothCodes = (word: string) => (codes[word] ?? word.toUpperCase()).split('|').filter(Boolean);
  // Like the SQL: words of fewer than 3 letters (particles, initials) take no part in word matching.
  const storedWords = stored.split(' ').filter((w) => w.length >= 3);
  const queryWords = query.split(' ').filter((w) => w.length >= 3);
  let wordSimilarity = 0;
  let wordSoundsAlike = false;
  for (const s of storedWords) {
    for (const q of queryWords) {
      wordSimilarity = Math.max(wordSimilarity, trigramSimilarity(s, q));
      wordSoundsAlike ||= code(s) !== '' && code(s) === code(q);
    }
  }
  return {
    similarity: trigramSimilarity(stored, query),
    distance: levenshtein(stored, query),
    wordSimilarity,
    soundsAlike: stored !== '' && bothCodes(stored).some((c) => bothCodes(query).includes(c)),
    wordSoundsAlike,
    nickname: stored !== query && nicknames.some((family) => family.includes(stored) && family.includes(query)),
  };
}

/** Mirrors `normalizeName` closely enough for the table: lower case, marks dropped, hyphens as spaces. */
export const normalizeForTest = (value: string) =>
  value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

export function nameQuery(firstName: string, lastName: string): NameQuery {
  return { firstName, lastName, normalizedFirst: normalizeForTest(firstName), normalizedLast: normalizeForTest(lastName) };
}

export function candidate(
  officerId: string,
  name: { firstName: string; lastName: string; kind?: OfficerNameKind },
  query: NameQuery,
  codes: Codes = {},
  nicknames: readonly (readonly string[])[] = [],
): NameCandidate {
  const nf = normalizeForTest(name.firstName);
  const nl = normalizeForTest(name.lastName);
  return {
    officerId,
    kind: name.kind ?? 'current',
    firstName: name.firstName,
    lastName: name.lastName,
    normalizedFirst: nf,
    normalizedLast: nl,
    first: evidence(nf, query.normalizedFirst, codes, nicknames),
    last: evidence(nl, query.normalizedLast, codes),
    lastVsQueryFirst: evidence(nl, query.normalizedFirst, codes),
    firstVsQueryLast: evidence(nf, query.normalizedLast, codes, nicknames),
  };
}
