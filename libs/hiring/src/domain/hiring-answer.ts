import type { CertificationStatus, HireabilityReasonCode, HireabilityVerdict } from '@app/certification';
import type { IsoDate } from '@app/core';
import type { SeparationNature } from '@app/officers';
import type { MatchReason } from '@app/officers';

/**
 * The answer to "may we hire this person?" for one matched officer (DOMAIN.md "Hiring
 * checks"): the certification's verdict, warnings that do not block but must be seen, and
 * the employment history. Pure.
 */

/** Why not hireable: `revoked` with date and case number, `suspended` with end date, … */
export interface HiringReason {
  code: HireabilityReasonCode | 'revoked_in_other_jurisdiction';
  /** `revoked_in_other_jurisdiction`: the state that revoked (c. 6E §4(d)). */
  jurisdiction?: string;
  /** The day the officer entered this status. */
  since?: IsoDate;
  /** `suspended`: first day no longer suspended; null while an interim suspension runs until lifted. */
  endsOn?: IsoDate | null;
  /** `revoked`, `suspended`: the commission case that imposed it. */
  caseNumber?: string;
}

/**
 * Open cases are a count only (no details: they are not findings, c. 6E §8; DOMAIN.md
 * "What is public"). `separated_under_investigation` follows the officer to every later
 * check (555 CMR 12.03): resigning before the finding must not wipe the record.
 */
export type HiringWarning =
  | { code: 'open_case'; count: number }
  | { code: 'separated_under_investigation'; agency: string; date: IsoDate }
  | { code: 'sustained_findings'; count: number }
  | { code: 'previously_relinquished' }
  /**
   * Another record with the same date of birth and a similar name (DOMAIN.md "Hiring checks"):
   * a clean second record, created with `confirmDistinct`, must not hide a revoked first one.
   */
  | { code: 'possible_duplicate_identity'; postId: string; certificationStatus: CertificationStatus }
  /** The officer disputes these parts of the record (open disputes): read them knowing they are contested. */
  | { code: 'disputed'; subjects: string[] };

/** Another record that may be the same person, as the warning names it. */
export interface PossibleDuplicateIdentity {
  postId: string;
  certificationStatus: CertificationStatus;
}

export interface EmploymentFact {
  agency: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  separationNature: SeparationNature | null;
  underInvestigation: boolean | null;
}

export interface HiringEmployment {
  agency: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  separationNature?: SeparationNature;
}

export interface HiringMatch {
  postId: string;
  name: string;
  matchScore: number;
  matchReasons: MatchReason[];
  /** The name that matched, when it is not the current one (an alias). */
  matchedName?: { firstName: string; lastName: string };
  /** Records merged into this one (API.md "Identity changes and merges"): each of their POST IDs answers with this officer. */
  mergedFrom?: string[];
  certificationStatus: CertificationStatus;
  hireable: boolean;
  reasons: HiringReason[];
  warnings: HiringWarning[];
  openCases: number;
  employmentHistory: HiringEmployment[];
}

/** What discipline tells a hiring check (a subset of DisciplineFacts). */
export interface DisciplineCounts {
  openCases: number;
  sustainedFindings: number;
}

export interface MatchInput {
  postId: string;
  name: string;
  matchScore: number;
  matchReasons: MatchReason[];
  matchedAlias?: { firstName: string; lastName: string };
  /** POST IDs of the records merged into this one. */
  mergedFrom?: readonly string[];
  verdict: HireabilityVerdict;
  discipline: DisciplineCounts;
  /** Oldest first. */
  employments: EmploymentFact[];
  /** Case id → case number, for the reasons that name a case. */
  caseNumbers: ReadonlyMap<string, string>;
  /** Revocations by other states (imported): not hireable, whatever the certification here says. */
  revokedInOtherJurisdiction?: readonly { jurisdiction: string; effectiveOn: IsoDate }[];
  /** Other records with the same date of birth and a similar name. */
  possibleDuplicates?: readonly PossibleDuplicateIdentity[];
  /** The parts of the record under an open dispute (identity, certification, employment, …). */
  disputed?: readonly string[];
}

/**
 * c. 6E §4(d): no agency may employ anyone decertified by another jurisdiction (the National
 * Decertification Index). An imported out-of-state revocation bars the hire on its own; it
 * is told to the agency as a reason, never published.
 */
export function otherJurisdictionReasons(revocations: readonly { jurisdiction: string; effectiveOn: IsoDate }[] = []): HiringReason[] {
  return revocations.map((r) => ({ code: 'revoked_in_other_jurisdiction', jurisdiction: r.jurisdiction, since: r.effectiveOn }));
}

/**
 * The verdict's reasons as an agency reads them (DOMAIN.md "Hiring checks"): `revoked` with its
 * date and case number, `suspended` with its end date. `caseNumbers` holds only the cases an
 * agency may see named (discipline's caseReferenceDisclosed, the rule the certification history
 * follows too): an interim suspension's case is still before its decision, and of it a check
 * shows the count only. Never a case's internal id.
 */
export function hiringReasons(verdict: Pick<HireabilityVerdict, 'reasons'>, caseNumbers: ReadonlyMap<string, string>): HiringReason[] {
  return verdict.reasons.map((reason) => {
    const out: HiringReason = { code: reason.code };
    if (reason.since) out.since = reason.since;
    if (reason.endsOn !== undefined) out.endsOn = reason.endsOn;
    const caseNumber = reason.caseId ? caseNumbers.get(reason.caseId) : undefined;
    if (caseNumber) out.caseNumber = caseNumber;
    return out;
  });
}

export function hiringWarnings(
  verdict: Pick<HireabilityVerdict, 'previouslyRelinquished'>,
  discipline: DisciplineCounts,
  employments: readonly EmploymentFact[],
  possibleDuplicates: readonly PossibleDuplicateIdentity[] = [],
  disputed: readonly string[] = [],
): HiringWarning[] {
  const warnings: HiringWarning[] = [];
  if (discipline.openCases > 0) warnings.push({ code: 'open_case', count: discipline.openCases });
  for (const e of employments) {
    if (e.underInvestigation === true && e.endDate !== null) warnings.push({ code: 'separated_under_investigation', agency: e.agency, date: e.endDate });
  }
  if (discipline.sustainedFindings > 0) warnings.push({ code: 'sustained_findings', count: discipline.sustainedFindings });
  if (verdict.previouslyRelinquished) warnings.push({ code: 'previously_relinquished' });
  for (const other of possibleDuplicates)
    warnings.push({ code: 'possible_duplicate_identity', postId: other.postId, certificationStatus: other.certificationStatus });
  // A dispute hides nothing and changes nothing (DOMAIN.md "The officer's own record"): it is said.
  if (disputed.length > 0) warnings.push({ code: 'disputed', subjects: [...disputed] });
  return warnings;
}

export function hiringMatch(input: MatchInput): HiringMatch {
  const elsewhere = otherJurisdictionReasons(input.revokedInOtherJurisdiction);
  return {
    postId: input.postId,
    name: input.name,
    matchScore: input.matchScore,
    matchReasons: input.matchReasons,
    ...(input.matchedAlias ? { matchedName: input.matchedAlias } : {}),
    ...(input.mergedFrom && input.mergedFrom.length > 0 ? { mergedFrom: [...input.mergedFrom] } : {}),
    certificationStatus: input.verdict.status,
    hireable: input.verdict.hireable && elsewhere.length === 0,
    reasons: [...hiringReasons(input.verdict, input.caseNumbers), ...elsewhere],
    warnings: hiringWarnings(input.verdict, input.discipline, input.employments, input.possibleDuplicates, input.disputed),
    openCases: input.discipline.openCases,
    // The separation's nature is shown; its reason and notes are the separating agency's word to the commission.
    employmentHistory: input.employments.map((e) => ({
      agency: e.agency,
      startDate: e.startDate,
      endDate: e.endDate,
      ...(e.separationNature ? { separationNature: e.separationNature } : {}),
    })),
  };
}
