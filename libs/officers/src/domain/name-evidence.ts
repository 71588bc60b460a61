/**
 * The evidence `NameCandidate` carries, computed in the service from the day's names instead of
 * by PostgreSQL functions on every row (issue 21, lookups at national scale). Each function is the
 * exact counterpart of the PostgreSQL one the candidate query used to call, so the scores do not
 * move: `trigramSimilarity` is pg_trgm's `similarity` (float4, per-word trigrams, two spaces
 * before and one after each word, set overlap), `levenshtein` is fuzzystrmatch's (unit costs,
 * characters, at most 255 of each side as `left(x, 255)` gave it). The double-metaphone codes
 * still come from PostgreSQL (`fuzzystrmatch`), stored with each name (generated columns of
 * `officer_name`) and computed once per query. Pure: no I/O.
 *
 * The names compared here went through `normalizeName`: letters and digits, single spaces, lower case.
 */

/** Words under 3 letters (particles, initials) take no part in word matching. */
export const MIN_WORD_LETTERS = 3;
/** Below this a part cannot lift a match to MATCH_THRESHOLD (0.45² ≈ 0.2025). */
export const MIN_PART_SCORE = 0.2;
/** fuzzystrmatch's `levenshtein` accepts at most 255 characters; the query cut both sides there. */
const LEVENSHTEIN_MAX_CHARS = 255;

const isAscii = (value: string) => !/[^ -~]/.test(value);
/** Characters (code points), as PostgreSQL counts them. */
const chars = (value: string): string[] => (isAscii(value) ? value.split('') : Array.from(value));
export const charLength = (value: string): number => (isAscii(value) ? value.length : Array.from(value).length);

const trigramCache = new Map<string, Set<string>>();
const TRIGRAM_CACHE_LIMIT = 20_000;

/** pg_trgm's trigram set of a normalised name: each word padded with two spaces before and one after. */
export function trigramsOf(value: string): Set<string> {
  const cached = trigramCache.get(value);
  if (cached) return cached;
  const set = new Set<string>();
  for (const word of value.split(/[^\p{L}\p{N}]+/u)) {
    if (word === '') continue;
    const padded = [' ', ' ', ...chars(word), ' '];
    for (let i = 0; i + 3 <= padded.length; i++) set.add(padded[i] + padded[i + 1] + padded[i + 2]);
  }
  // Names repeat across the day's rows and across checks (a bounded memo of a pure function).
  if (trigramCache.size >= TRIGRAM_CACHE_LIMIT) trigramCache.clear();
  trigramCache.set(value, set);
  return set;
}

/** pg_trgm `similarity(a, b)`: shared trigrams over the union, as float4 (the `::float8` of a float4). */
export function trigramSimilarity(a: string, b: string): number {
  const ta = trigramsOf(a);
  const tb = trigramsOf(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let common = 0;
  const [small, large] = ta.size <= tb.size ? [ta, tb] : [tb, ta];
  for (const t of small) if (large.has(t)) common++;
  return Math.fround(common / (ta.size + tb.size - common));
}

/** fuzzystrmatch `levenshtein(left(a, 255), left(b, 255))`: insertions, deletions and substitutions cost 1. */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const x = chars(a).slice(0, LEVENSHTEIN_MAX_CHARS);
  const y = chars(b).slice(0, LEVENSHTEIN_MAX_CHARS);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  const row = new Array<number>(y.length + 1);
  for (let j = 0; j <= y.length; j++) row[j] = j;
  for (let i = 1; i <= x.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      const above = row[j];
      const substitution = diagonal + (xi === y[j - 1] ? 0 : 1);
      const indel = Math.min(above, row[j - 1]) + 1;
      row[j] = substitution < indel ? substitution : indel;
      diagonal = above;
    }
  }
  return row[y.length];
}

/** The words of a part that take part in word matching (3+ letters). */
export const matchingWords = (part: string): string[] => part.split(' ').filter((word) => charLength(word) >= MIN_WORD_LETTERS);

/**
 * Best trigram similarity between the words of the stored part and the words of the query part
 * (words of 3+ letters), 0 when neither has several words: the whole-part similarity covers those.
 */
export function wordSimilarity(stored: string, query: string): number {
  if (!stored.includes(' ') && !query.includes(' ')) return 0;
  let best = 0;
  const queryWords = matchingWords(query);
  for (const s of matchingWords(stored)) for (const w of queryWords) best = Math.max(best, trigramSimilarity(s, w));
  return best;
}

/** The double-metaphone codes of one name part (`dmetaphone`, `dmetaphone_alt`). */
export interface SoundCodes {
  code: string;
  alt: string;
}

/**
 * Whether one (stored part, query part) pair could reach MIN_PART_SCORE at all: a superset of
 * what `scorePart` can score at 0.2 or more (a listed match needs both parts at 0.2025 or more,
 * since it is their geometric mean). Cheapest tests first. `nicknames` only for given names.
 */
export function plausiblePart(stored: string, storedCodes: SoundCodes, query: string, queryCodes: SoundCodes, nicknames?: ReadonlySet<string>): boolean {
  if (stored.includes(' ') || query.includes(' ')) return true;
  if (nicknames?.has(stored)) return true;
  if (queryCodes.code !== '' && (storedCodes.code === queryCodes.code || storedCodes.code === queryCodes.alt)) return true;
  if (queryCodes.alt !== '' && (storedCodes.alt === queryCodes.code || storedCodes.alt === queryCodes.alt)) return true;
  // A length difference over 3 is a distance over 3 (both within levenshtein's 255): no need to compute it.
  const [storedLength, queryLength] = [charLength(stored), charLength(query)];
  const farApart = Math.abs(storedLength - queryLength) > 3 && storedLength <= LEVENSHTEIN_MAX_CHARS && queryLength <= LEVENSHTEIN_MAX_CHARS;
  if (!farApart && levenshtein(stored, query) <= 3) return true;
  return trigramSimilarity(stored, query) >= MIN_PART_SCORE;
}
