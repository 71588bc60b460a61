import { MATCH_THRESHOLD, matchNames, NameCandidate, PartEvidence } from './name-match';
import type { OfficerNameKind } from './officer-identity';

/**
 * The duplicate sweep's judgement (API.md "Identity changes and merges": possible duplicates
 * "found later by the same rules"): the rules of `POST /officers`, for a pair of names of two
 * officers born the same day. A pair is one person's likely when the whole names are at least
 * `minFullSimilarity` alike (pg_trgm), or when the hiring check's matcher lists one name for the
 * other (nicknames, transposed letters, swapped and compound names, sound-alikes). Pure.
 */

/** One pair of names, `query` of one officer and `stored` of the other, with the database's evidence. */
export interface SweepNamePair {
  queryOfficerId: string;
  query: { firstName: string; lastName: string; normalizedFirst: string; normalizedLast: string };
  stored: { officerId: string; kind: OfficerNameKind; firstName: string; lastName: string; normalizedFirst: string; normalizedLast: string };
  /** pg_trgm similarity of the whole normalised names. */
  fullSimilarity: number;
  first: PartEvidence;
  last: PartEvidence;
  lastVsQueryFirst: PartEvidence;
  firstVsQueryLast: PartEvidence;
}

export interface SweptPair {
  officerId: string;
  otherOfficerId: string;
  matchScore: number;
}

const round = (score: number) => Math.round(score * 1000) / 1000;

/** One entry per pair of officers (either order), with the best score of any of their name pairs. */
export function judgeSweptPairs(pairs: readonly SweepNamePair[], minFullSimilarity: number): SweptPair[] {
  const best = new Map<string, SweptPair>();
  for (const pair of pairs) {
    if (pair.queryOfficerId === pair.stored.officerId) continue;
    const candidate: NameCandidate = {
      ...pair.stored,
      first: pair.first,
      last: pair.last,
      lastVsQueryFirst: pair.lastVsQueryFirst,
      firstVsQueryLast: pair.firstVsQueryLast,
    };
    const byRules = matchNames(pair.query, [candidate])[0]?.matchScore ?? 0;
    const byTrigrams = pair.fullSimilarity >= minFullSimilarity ? pair.fullSimilarity : 0;
    const score = Math.max(byRules >= MATCH_THRESHOLD ? byRules : 0, byTrigrams);
    if (score === 0) continue;
    const [a, b] = [pair.queryOfficerId, pair.stored.officerId].sort();
    const key = `${a}|${b}`;
    const known = best.get(key);
    if (!known || score > known.matchScore) best.set(key, { officerId: a, otherOfficerId: b, matchScore: round(score) });
  }
  return [...best.values()].sort((x, y) => x.officerId.localeCompare(y.officerId) || x.otherOfficerId.localeCompare(y.otherOfficerId));
}
