import type { OfficerNameKind } from './officer-identity';

/**
 * talisman's Damerau–Levenshtein distance, optimal string alignment variant (a transposition of
 * two adjacent letters is one edit), or Infinity beyond `max`. talisman ships no types.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- an untyped CommonJS module: typed here, where it is used
const { limited: damerauWithin } = require('talisman/metrics/damerau-levenshtein') as { limited: (max: number, a: string, b: string) => number };

/**
 * Scoring of a name query against an officer's names (DOMAIN.md "Hiring checks"). The
 * database supplies the evidence (pg_trgm similarity, fuzzystrmatch levenshtein,
 * dmetaphone and dmetaphone_alt codes, the nickname table, over the names of the officers
 * born on the queried day); this file turns it into `matchScore` 0..1 and `matchReasons`.
 * The Damerau distance (a swap of two adjacent letters is one edit) is computed here, on
 * those few candidates: PostgreSQL has none built in, and talisman's (the optimal string
 * alignment variant) is a pure function the tables below can exercise. Pure: no I/O.
 *
 * Why a geometric mean of the first- and last-name scores: both halves must agree. Twins
 * share a surname and a date of birth; "John Smith" must not match "Jane Smith" merely
 * because the surname is identical (sqrt(1 × 0.12) < threshold), while a misspelt
 * surname with the right first name still scores high (sqrt(1 × 0.8)).
 */

/** Listed at or above this score; every listed match is shown, never merged. */
export const MATCH_THRESHOLD = 0.45;
/** The query's first and last names were given in swapped fields: slightly below the same match in order. */
const SWAPPED_FACTOR = 0.95;
/** Same letters, different spacing or hyphenation (`Vanderberg` / `Van der Berg`, `SmithJones` / `Smith-Jones`), or the same words reordered. */
const SPACING_SCORE = 0.97;
/** Every word of one is a word of the other (`Jones` / `Smith-Jones`, `John` / `John Paul`). */
const WORDS_SCORE = 0.9;
/** Same double-metaphone code for the surname (`Kowalsky` / `Kowalczyk`). */
export const SOUNDS_ALIKE_SCORE = 0.8;
/** A familiar form of the given name in the nickname table (`Bill` / `William`): as close as a word-level match. */
export const NICKNAME_SCORE = 0.9;
/** SSN last four digits (DOMAIN.md "Hiring checks"): agreement takes this share of the way to 1; disagreement multiplies the score by the factor, never removing the match. */
const SSN_AGREEMENT_LIFT = 0.5;
const SSN_MISMATCH_FACTOR = 0.7;
/** Matched with the middle name as the given name (the officer goes by it): a notch below the same match on the given name. */
const MIDDLE_NAME_FACTOR = 0.95;
/** A contained word set must carry at least this many letters: `de` alone says nothing about `de la Cruz`. */
const MIN_CONTAINED_LETTERS = 3;

export const MATCH_REASONS = [
  /** A check by POST ID: the identifier itself, exact. */
  'post_id',
  'exact_name',
  'alias',
  'nickname',
  'swapped_names',
  'misspelling',
  /** Two adjacent letters swapped (`Jhon` / `John`): one edit in the Damerau distance, two in Levenshtein's. */
  'transposed_letters',
  'compound_surname',
  'diacritics',
  'middle_name_ignored',
  /** The query's given name is the officer's middle name ("Paul Jones" for John Paul Jones). */
  'known_by_middle_name',
  /** The query's SSN last four digits are the record's. */
  'ssn_match',
  /** The query's SSN last four digits differ from the record's: the score is lowered, the match still listed. */
  'ssn_mismatch',
] as const;
export type MatchReason = (typeof MATCH_REASONS)[number];

/** The query as typed and as normalised by `normalizeName` (the function that filled `officer_name`). */
export interface NameQuery {
  firstName: string;
  lastName: string;
  normalizedFirst: string;
  normalizedLast: string;
}

/** What the database measured for one pair (stored part, query part). */
export interface PartEvidence {
  /** pg_trgm `similarity`. */
  similarity: number;
  /** fuzzystrmatch `levenshtein`. */
  distance: number;
  /** Best pg_trgm similarity between any word of the stored part and any word of the query part (words of 3+ letters). */
  wordSimilarity: number;
  /** Stored and query parts share a `dmetaphone` or `dmetaphone_alt` code (non-empty): `Smith` / `Schmidt`. */
  soundsAlike: boolean;
  /** Some word of the stored part has the `dmetaphone` code of some word of the query part (words of 3+ letters). */
  wordSoundsAlike: boolean;
  /** The stored part and the query part are of one family in the nickname table (`given_name_variant`). */
  nickname?: boolean;
}

/** One `officer_name` row of an officer born on the queried day, with the evidence for both orders. */
export interface NameCandidate {
  officerId: string;
  kind: OfficerNameKind;
  firstName: string;
  lastName: string;
  normalizedFirst: string;
  normalizedLast: string;
  /** In order: stored first vs query first, stored last vs query last. */
  first: PartEvidence;
  last: PartEvidence;
  /** Swapped: stored last vs query first, stored first vs query last. */
  lastVsQueryFirst: PartEvidence;
  firstVsQueryLast: PartEvidence;
}

export interface NameMatch {
  officerId: string;
  matchScore: number;
  matchReasons: MatchReason[];
  /** The name (current, middle-name form or alias) that matched best, as stored. */
  matchedName: { firstName: string; lastName: string; kind: OfficerNameKind };
}

type PartHow = 'exact' | 'spacing' | 'reordered' | 'words' | 'nickname' | 'transposed' | 'fuzzy';
interface PartScore {
  score: number;
  how: PartHow;
}

/**
 * Levenshtein distance as a score: one slip in a short name, two in a longer one, three
 * only in a long one. Normalising by length alone would make `Jane`/`John` (3 of 4) a match.
 */
export function typoScore(distance: number, longestLength: number): number {
  if (distance === 0) return 1;
  if (distance === 1 && longestLength >= 3) return 0.85;
  if (distance === 2 && longestLength >= 6) return 0.7;
  if (distance === 3 && longestLength >= 9) return 0.6;
  return 0;
}

const words = (value: string) => value.split(' ').filter((w) => w.length > 0);

function containedWords(a: string[], b: string[]): boolean {
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  if (shorter.length === 0 || shorter.length === longer.length) return false;
  const letters = shorter.reduce((sum, w) => sum + w.length, 0);
  return letters >= MIN_CONTAINED_LETTERS && shorter.every((w) => longer.includes(w));
}

function sameWordsReordered(a: string[], b: string[]): boolean {
  if (a.length < 2 || a.length !== b.length) return false;
  const sorted = (w: string[]) => [...w].sort().join(' ');
  return sorted(a) === sorted(b);
}

/**
 * One name part. Phonetic codes count for surnames only: on given names they are too
 * coarse (`Jane` and `John` are both `JN`).
 */
export function scorePart(stored: string, query: string, evidence: PartEvidence, role: 'first' | 'last'): PartScore {
  if (stored === query && stored !== '') return { score: 1, how: 'exact' };
  if (stored.replace(/ /g, '') === query.replace(/ /g, '') && stored !== '') return { score: SPACING_SCORE, how: 'spacing' };
  const storedWords = words(stored);
  const queryWords = words(query);
  // The same words in another order (`Lopez Garcia` / `Garcia-Lopez`): trigram similarity reads 1, but the name is not the same.
  if (sameWordsReordered(storedWords, queryWords)) return { score: SPACING_SCORE, how: 'reordered' };
  if (containedWords(storedWords, queryWords)) return { score: WORDS_SCORE, how: 'words' };
  const phonetic = role === 'last' && evidence.soundsAlike ? SOUNDS_ALIKE_SCORE : 0;
  const longest = Math.max(stored.length, query.length);
  let fuzzy = Math.max(evidence.similarity, typoScore(evidence.distance, longest), phonetic);
  if (storedWords.length > 1 || queryWords.length > 1) {
    // One word of a compound name misspelt (`Kowalczyk-Smith` / `Kowalsky`): a word-level match, a notch lower.
    const wordPhonetic = role === 'last' && evidence.wordSoundsAlike ? SOUNDS_ALIKE_SCORE : 0;
    fuzzy = Math.max(fuzzy, 0.85 * Math.max(evidence.wordSimilarity, wordPhonetic));
  }
  // Nicknames are given names: `Bill` for a surname is not `William`.
  if (role === 'first' && evidence.nickname === true && NICKNAME_SCORE >= fuzzy) return { score: NICKNAME_SCORE, how: 'nickname' };
  // Levenshtein counts a swap of two letters as two edits (`Jhon` / `John`: 2 of 4, no match); Damerau as one.
  const damerau = evidence.distance >= 2 ? transposedScore(stored, query, evidence.distance, longest) : 0;
  if (damerau > fuzzy) return { score: damerau, how: 'transposed' };
  return { score: fuzzy, how: 'fuzzy' };
}

/** The score of the Damerau (optimal string alignment) distance when it is below Levenshtein's, i.e. when a transposition is what made the difference; else 0. */
export function transposedScore(stored: string, query: string, levenshteinDistance: number, longest = Math.max(stored.length, query.length)): number {
  // Beyond 3 edits typoScore gives nothing: the computation stops there.
  const distance = damerauWithin(3, stored, query);
  return distance < levenshteinDistance ? typoScore(distance, longest) : 0;
}

const hasDiacritics = (value: string) => /\p{M}/u.test(value.normalize('NFKD')) || /[ßẞæœøłđðþıħ]/iu.test(value);
const caseFolded = (value: string) => value.normalize('NFC').toLocaleLowerCase('und').trim();

/** The spelling differs only by accents or special letters (`José` / `Jose`, `Müller` / `Muller`). */
function differsByDiacritics(storedRaw: string, queryRaw: string, part: PartScore): boolean {
  return part.how !== 'fuzzy' && caseFolded(storedRaw) !== caseFolded(queryRaw) && (hasDiacritics(storedRaw) || hasDiacritics(queryRaw));
}

interface RowScore {
  score: number;
  reasons: MatchReason[];
}

function scoreRow(candidate: NameCandidate, query: NameQuery, current: NameCandidate | undefined): RowScore {
  const first = scorePart(candidate.normalizedFirst, query.normalizedFirst, candidate.first, 'first');
  const last = scorePart(candidate.normalizedLast, query.normalizedLast, candidate.last, 'last');
  const inOrder = Math.sqrt(first.score * last.score);
  const lastVsQueryFirst = scorePart(candidate.normalizedLast, query.normalizedFirst, candidate.lastVsQueryFirst, 'last');
  const firstVsQueryLast = scorePart(candidate.normalizedFirst, query.normalizedLast, candidate.firstVsQueryLast, 'first');
  const swapped = SWAPPED_FACTOR * Math.sqrt(lastVsQueryFirst.score * firstVsQueryLast.score);

  const reasons = new Set<MatchReason>();
  const isSwapped = swapped > inOrder;
  // The stored given and family names, scored against the query parts they met in the winning order.
  const [givenPart, familyPart] = isSwapped ? [firstVsQueryLast, lastVsQueryFirst] : [first, last];
  const [queryGivenRaw, queryFamilyRaw] = isSwapped ? [query.lastName, query.firstName] : [query.firstName, query.lastName];

  if (isSwapped) reasons.add('swapped_names');
  if (givenPart.how === 'exact' && familyPart.how === 'exact' && !isSwapped) reasons.add('exact_name');
  if (givenPart.how === 'fuzzy' || familyPart.how === 'fuzzy') reasons.add('misspelling');
  if (givenPart.how === 'transposed' || familyPart.how === 'transposed') reasons.add('transposed_letters');
  if (givenPart.how === 'nickname') reasons.add('nickname');
  if (familyPart.how === 'spacing' || familyPart.how === 'words' || familyPart.how === 'reordered') reasons.add('compound_surname');
  if (givenPart.how === 'words' || givenPart.how === 'spacing') reasons.add('middle_name_ignored');
  // `Paul John` for John Paul: the middle name put first.
  if (givenPart.how === 'reordered') reasons.add('known_by_middle_name');
  if (differsByDiacritics(candidate.firstName, queryGivenRaw, givenPart) || differsByDiacritics(candidate.lastName, queryFamilyRaw, familyPart)) {
    reasons.add('diacritics');
    reasons.delete('exact_name');
  }
  if (candidate.kind === 'middle') {
    reasons.add('known_by_middle_name');
    reasons.delete('exact_name'); // the given name typed is not the officer's given name
  }
  if (candidate.kind === 'alias') {
    reasons.add('alias');
    // An alias that keeps the current surname and changes the given name is a familiar form (Bob for Robert).
    if (current && current.normalizedLast === candidate.normalizedLast && current.normalizedFirst !== candidate.normalizedFirst) reasons.add('nickname');
  }
  const score = Math.max(inOrder, swapped) * (candidate.kind === 'middle' ? MIDDLE_NAME_FACTOR : 1);
  return { score, reasons: MATCH_REASONS.filter((r) => reasons.has(r)) };
}

const round = (score: number) => Math.round(score * 1000) / 1000;

/**
 * SSN last four digits, when both the query and the record carry them (DOMAIN.md "Hiring
 * checks"): agreement raises the score, disagreement lowers it (`ssn_mismatch`). Applied to
 * matches already listed, so a mismatch never hides one: a typo in four digits is likelier
 * than a namesake born the same day, and the agency must see the record either way.
 */
export function withSsnEvidence<M extends Pick<NameMatch, 'matchScore' | 'matchReasons'>>(
  match: M,
  queryLast4: string | undefined,
  recordLast4: string | null | undefined,
): M {
  if (!queryLast4 || !recordLast4) return match;
  const agree = queryLast4 === recordLast4;
  const matchScore = round(agree ? match.matchScore + (1 - match.matchScore) * SSN_AGREEMENT_LIFT : match.matchScore * SSN_MISMATCH_FACTOR);
  const reasons = new Set<MatchReason>([...match.matchReasons, agree ? 'ssn_match' : 'ssn_mismatch']);
  return { ...match, matchScore, matchReasons: MATCH_REASONS.filter((r) => reasons.has(r)) };
}

/**
 * Every officer with a name scoring at least MATCH_THRESHOLD, best first (then by officer
 * id, for a stable order). One entry per officer: its best-scoring name, the current name
 * winning a tie. Two officers never merge, however alike.
 */
export function matchNames(query: NameQuery, candidates: readonly NameCandidate[]): NameMatch[] {
  const byOfficer = new Map<string, NameCandidate[]>();
  for (const candidate of candidates) {
    const rows = byOfficer.get(candidate.officerId) ?? [];
    rows.push(candidate);
    byOfficer.set(candidate.officerId, rows);
  }
  const matches: NameMatch[] = [];
  for (const [officerId, rows] of byOfficer) {
    const current = rows.find((row) => row.kind === 'current');
    let best: { row: NameCandidate; result: RowScore } | undefined;
    for (const row of rows) {
      const result = scoreRow(row, query, current);
      const better = !best || result.score > best.result.score || (result.score === best.result.score && row.kind === 'current' && best.row.kind !== 'current');
      if (better) best = { row, result };
    }
    if (best && best.result.score >= MATCH_THRESHOLD) {
      matches.push({
        officerId,
        matchScore: round(best.result.score),
        matchReasons: best.result.reasons,
        matchedName: { firstName: best.row.firstName, lastName: best.row.lastName, kind: best.row.kind },
      });
    }
  }
  return matches.sort((a, b) => b.matchScore - a.matchScore || a.officerId.localeCompare(b.officerId));
}
