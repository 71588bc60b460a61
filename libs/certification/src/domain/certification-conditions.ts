import type { IsoDate } from '@app/core';
import type { InitialEligibility, InitialEligibilityReason } from './certification-eligibility';
import { conditionAlreadySatisfied, conditionRefused, conditionsNotAllowed, certificationNotEligible } from './certification.errors';

/*
 * Conditional certification (555 CMR 7.04, 9.10; DOMAIN.md "Conditional certification").
 * Pure: the service loads the eligibility, the grant's term and the officer's conditions,
 * and these rules say whether a grant may carry them, what they cover, and where each stands.
 */

/** What blocks full certification and may be met later: 555 CMR 9.10 (training, approved leave, hardship) and papers to file. */
export const CONDITION_BASES = ['training', 'leave', 'hardship', 'documents'] as const;
export type ConditionBasis = (typeof CONDITION_BASES)[number];

/** Bars no condition may lift (555 CMR 9.10): a failed background check, a felony conviction, a lack of moral character or fitness. */
export const CONDITION_FORBIDDEN_BASES = ['background_check', 'felony_conviction', 'moral_character'] as const;
export type ConditionForbiddenBasis = (typeof CONDITION_FORBIDDEN_BASES)[number];

/** Every `basis` a request may name: the allowed ones, and the forbidden ones it is refused for by name. */
export const CONDITION_REQUEST_BASES = [...CONDITION_BASES, ...CONDITION_FORBIDDEN_BASES] as const;

/** Stored: `open` until satisfied or superseded by a later grant. */
export type ConditionStatus = 'open' | 'satisfied' | 'superseded';
/** As read on a day: an open condition whose due date has passed is `overdue`. */
export type ConditionStanding = 'open' | 'overdue' | 'satisfied' | 'superseded';

export const MAX_CONDITIONS = 10;
export const MAX_CONDITION_DESCRIPTION_LENGTH = 1000;
export const MAX_CONDITION_EVIDENCE_LENGTH = 2000;

/**
 * Which unmet requirement a condition may stand in for, and on which bases. Only the
 * in-service hours owed on re-entry: they are the "unmet training" 555 CMR 9.10 names, and
 * approved leave or hardship is what keeps an officer from them. Nothing else is waived:
 * - `basic_training_missing`: c. 6E §4(f)(1) makes the academy a minimum standard; a
 *   condition would license an untrained recruit (DOMAIN.md: conditions are for training
 *   to *finish*, not to start);
 * - `under_minimum_age`: statutory (c. 6E §4(f)(1)), and no due date changes a birth date;
 * - `previously_revoked`: no agency may employ a decertified person (c. 6E §4(d), §11);
 * - `currently_suspended`: a suspension ends by its case or on compliance, never by a grant;
 * - `already_certified`: there is nothing to condition.
 * `documents` covers none of the computed requirements: papers missing are the commission's
 * finding, not the registry's, and may be asked of any grant.
 */
export const CONDITION_COVERS: Readonly<Record<InitialEligibilityReason, readonly ConditionBasis[]>> = {
  in_service_hours_short: ['training', 'leave', 'hardship'],
  basic_training_missing: [],
  under_minimum_age: [],
  previously_revoked: [],
  currently_suspended: [],
  already_certified: [],
};

export interface ConditionRequest {
  description: string;
  dueOn: IsoDate;
  /** Checked here too: a request can name a forbidden basis, which is refused by name. */
  basis: string;
}

export interface ConditionalGrantInput {
  eligibility: InitialEligibility;
  conditions: readonly ConditionRequest[];
  /** The first day of the term the grant gives. */
  effectiveOn: IsoDate;
  /** The day that term would end: a condition due later outlives the certification it conditions. */
  expiresOn: IsoDate;
  /** The commission's attestations: a `false` is the bar itself, and no condition may lift it. */
  backgroundCheckAttested?: boolean;
  fitnessAttested?: boolean;
}

export interface ConditionalGrant {
  /** The requirements the conditions stand in for (empty for a grant without conditions or with `documents` only). */
  covered: InitialEligibilityReason[];
}

/**
 * May the officer be certified with these conditions? In order, each a 422 with every reason
 * of its kind: a forbidden basis (or an attestation refused while conditions are asked) is
 * `CERTIFICATION.CONDITIONS_NOT_ALLOWED`; a due date not after the effective date or after the
 * term's end is `CERTIFICATION.CONDITION_REFUSED`; a requirement left uncovered is the usual
 * `CERTIFICATION.NOT_ELIGIBLE` listing only what no condition covers. Without conditions this is
 * the plain eligibility check.
 */
export function decideConditionalGrant(input: ConditionalGrantInput): ConditionalGrant {
  const { eligibility, conditions } = input;
  if (conditions.length === 0) {
    if (!eligibility.eligible) throw notEligible(eligibility, eligibility.reasons);
    return { covered: [] };
  }

  const forbidden = new Set<ConditionForbiddenBasis>();
  for (const condition of conditions) if (isForbiddenBasis(condition.basis)) forbidden.add(condition.basis);
  // The commission's own finding that the background or character bar is not met (DOMAIN.md: attestations).
  if (input.backgroundCheckAttested === false) forbidden.add('background_check');
  if (input.fitnessAttested === false) forbidden.add('moral_character');
  if (forbidden.size > 0) throw conditionsNotAllowed(CONDITION_FORBIDDEN_BASES.filter((basis) => forbidden.has(basis)));

  const refusals: { code: string; index: number }[] = [];
  conditions.forEach((condition, index) => {
    if (!(CONDITION_BASES as readonly string[]).includes(condition.basis)) refusals.push({ code: 'condition_basis_unknown', index });
    if (condition.dueOn <= input.effectiveOn) refusals.push({ code: 'condition_due_not_after_effective', index });
    else if (condition.dueOn > input.expiresOn) refusals.push({ code: 'condition_due_after_expiry', index });
  });
  if (refusals.length > 0) throw conditionRefused(refusals, { effectiveOn: input.effectiveOn, expiresOn: input.expiresOn });

  const bases = new Set(conditions.map((condition) => condition.basis));
  const covered = eligibility.reasons.filter((reason) => CONDITION_COVERS[reason].some((basis) => bases.has(basis)));
  const uncovered = eligibility.reasons.filter((reason) => !covered.includes(reason));
  if (uncovered.length > 0) throw notEligible(eligibility, uncovered);
  return { covered };
}

function isForbiddenBasis(basis: string): basis is ConditionForbiddenBasis {
  return (CONDITION_FORBIDDEN_BASES as readonly string[]).includes(basis);
}

function notEligible(eligibility: InitialEligibility, reasons: readonly InitialEligibilityReason[]) {
  const hours = reasons.includes('in_service_hours_short') ? eligibility.reentryHours : undefined;
  return certificationNotEligible(reasons, eligibility.warnings, hours ? { hoursFound: hours.hoursFound, hoursRequired: hours.hoursRequired } : {});
}

export interface ConditionFacts {
  id: string;
  status: ConditionStatus;
  dueOn: IsoDate;
}

/** Past `dueOn` (the due day itself still counts as on time) and not satisfied. */
export function conditionStanding(condition: Pick<ConditionFacts, 'status' | 'dueOn'>, today: IsoDate): ConditionStanding {
  if (condition.status !== 'open') return condition.status;
  return today > condition.dueOn ? 'overdue' : 'open';
}

/** The ids of the conditions overdue on `on`, for `admin_suspend` with `condition_unmet` and its lifting. */
export function overdueConditions(conditions: readonly ConditionFacts[], on: IsoDate): string[] {
  return conditions.filter((condition) => conditionStanding(condition, on) === 'overdue').map((condition) => condition.id);
}

/**
 * Satisfying is once: a second satisfaction of the same condition is a 409 (the race of two
 * adjudicators, or a retry, is told that it was already recorded, and when); a superseded
 * condition belongs to a grant that no longer stands (422).
 */
export function assertSatisfiable(condition: Pick<ConditionFacts, 'id' | 'status'> & { satisfiedOn?: IsoDate | null }): void {
  if (condition.status === 'satisfied') throw conditionAlreadySatisfied(condition.id, condition.satisfiedOn ?? null);
  if (condition.status === 'superseded') throw conditionRefused([{ code: 'condition_superseded', index: 0 }], { conditionId: condition.id });
}
