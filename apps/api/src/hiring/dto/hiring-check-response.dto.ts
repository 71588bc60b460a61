import type { HiringCheckResult, HiringMatch, StoredHiringCheck } from '@app/hiring';

export class HiringReasonResponse {
  /** `revoked`, `suspended`, `admin_suspended`, `relinquished`, `lapsed`, `not_certified`, `inactive` or `revoked_in_other_jurisdiction`. */
  code: string;
  /** `revoked_in_other_jurisdiction`: the state that revoked the certification. */
  jurisdiction?: string;
  /** The day the officer entered this status. */
  since?: string;
  /** `suspended`: the first day no longer suspended; null while an interim suspension runs until lifted. */
  endsOn?: string | null;
  /** `revoked`, `suspended`: the commission case that imposed it. */
  caseNumber?: string;
}

/** Does not block the hire, but must be seen. */
export class HiringWarningResponse {
  /** `open_case`, `separated_under_investigation`, `sustained_findings`, `previously_relinquished`, `possible_duplicate_identity` or `disputed`. */
  code: string;
  /** `disputed`: the parts of the record the officer disputes (`identity`, `certification`, `employment`, `training_completion`, `misconduct_report`). */
  subjects?: string[];
  /** `open_case`, `sustained_findings`: how many (no details). */
  count?: number;
  /** `separated_under_investigation`: the agency the officer left. */
  agency?: string;
  /** `separated_under_investigation`: the separation date. */
  date?: string;
  /** `possible_duplicate_identity`: the other record (same date of birth, similar name). */
  postId?: string;
  /** `possible_duplicate_identity`: the other record's certification status. */
  certificationStatus?: string;
}

export class HiringEmploymentResponse {
  agency: string;
  startDate: string;
  endDate: string | null;
  /** `resigned`, `retired`, `terminated`, `laid_off`, `deceased` or `other`; absent while employed. */
  separationNature?: string;
}

export class MatchedNameResponse {
  firstName: string;
  lastName: string;
}

export class HiringMatchResponse {
  postId: string;
  /** The officer's current name. */
  name: string;
  /** 1 for a POST ID; for a name, how close the best of the officer's names came (0..1, listed from 0.45). */
  matchScore: number;
  /** `post_id`, `exact_name`, `alias`, `nickname`, `swapped_names`, `misspelling`, `transposed_letters`, `compound_surname`, `diacritics`, `middle_name_ignored`, `known_by_middle_name`, `ssn_match`, `ssn_mismatch`. */
  matchReasons: string[];
  /** The alias that matched, when it was not the current name. */
  matchedName?: MatchedNameResponse;
  /** Present when duplicate records were merged into this one: their POST IDs, each of which answers with this record. */
  mergedFrom?: string[];
  certificationStatus: string;
  /** `certified` with the term running; nothing else is. */
  hireable: boolean;
  /** Why not hireable; empty when hireable. */
  reasons: HiringReasonResponse[];
  warnings: HiringWarningResponse[];
  /** Open commission cases: a count only. */
  openCases: number;
  /** Oldest first. */
  employmentHistory: HiringEmploymentResponse[];
}

export class HiringCheckResponse {
  /** Cite it as `hiringCheckId` when recording the hire (valid 30 days). */
  id: string;
  checkedAt: string;
  /** Every officer that matched, best first; never merged, even with the same name and date of birth. */
  matches: HiringMatchResponse[];
}

export class HiringCheckActorResponse {
  kind: string;
  id: string;
}

/** The question asked. `dateOfBirth` only in the single-check view. */
export class HiringCheckQueryResponse {
  postId?: string;
  firstName?: string;
  lastName?: string;
  dateOfBirth?: string;
}

export class HiringCheckSummaryMatchResponse {
  postId: string;
  name: string;
  matchScore: number;
  certificationStatus: string;
  hireable: boolean;
}

export class HiringCheckSummaryResponse {
  id: string;
  /** The agency that asked. */
  agencyId: string;
  checkedAt: string;
  checkedBy: HiringCheckActorResponse;
  query: HiringCheckQueryResponse;
  matchCount: number;
  matches: HiringCheckSummaryMatchResponse[];
}

export class HiringCheckPage {
  items: HiringCheckSummaryResponse[];
  nextCursor: string | null;
}

export class HiringCheckDetailResponse extends HiringCheckResponse {
  checkedBy: HiringCheckActorResponse;
  query: HiringCheckQueryResponse;
}

const toMatch = (m: HiringMatch): HiringMatchResponse => ({
  postId: m.postId,
  name: m.name,
  matchScore: m.matchScore,
  matchReasons: [...m.matchReasons],
  ...(m.matchedName ? { matchedName: { firstName: m.matchedName.firstName, lastName: m.matchedName.lastName } } : {}),
  ...(m.mergedFrom && m.mergedFrom.length > 0 ? { mergedFrom: [...m.mergedFrom] } : {}),
  certificationStatus: m.certificationStatus,
  hireable: m.hireable,
  reasons: m.reasons.map((r) => ({ ...r })),
  warnings: m.warnings.map((w) => ({ ...w })),
  openCases: m.openCases,
  employmentHistory: m.employmentHistory.map((e) => ({ ...e })),
});

const toQuery = (query: StoredHiringCheck['query'], withDateOfBirth: boolean): HiringCheckQueryResponse =>
  'postId' in query
    ? { postId: query.postId }
    : { firstName: query.firstName, lastName: query.lastName, ...(withDateOfBirth ? { dateOfBirth: query.dateOfBirth } : {}) };

export const toHiringCheckResponse = (result: HiringCheckResult): HiringCheckResponse => ({
  id: result.id,
  checkedAt: result.checkedAt,
  matches: result.matches.map(toMatch),
});

export const toHiringCheckDetailResponse = (check: StoredHiringCheck): HiringCheckDetailResponse => ({
  id: check.id,
  checkedAt: check.checkedAt.toISOString(),
  checkedBy: { kind: check.actorKind, id: check.actorId },
  query: toQuery(check.query, true),
  matches: check.matches.map(toMatch),
});

export const toHiringCheckPage = (page: { items: StoredHiringCheck[]; nextCursor: string | null }): HiringCheckPage => ({
  items: page.items.map((check) => ({
    id: check.id,
    agencyId: check.agencyId,
    checkedAt: check.checkedAt.toISOString(),
    checkedBy: { kind: check.actorKind, id: check.actorId },
    query: toQuery(check.query, false),
    matchCount: check.matches.length,
    matches: check.matches.map((m) => ({
      postId: m.postId,
      name: m.name,
      matchScore: m.matchScore,
      certificationStatus: m.certificationStatus,
      hireable: m.hireable,
    })),
  })),
  nextCursor: page.nextCursor,
});
