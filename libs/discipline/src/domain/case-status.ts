import { Role } from '@app/core';

/**
 * Statuses of a commission case (DOMAIN.md "Cases"). `final`, `reversed` and `dismissed`
 * are terminal: nothing can be done to a closed case.
 */
export const CASE_STATUSES = ['open', 'notice_issued', 'hearing_scheduled', 'heard', 'decided', 'appealed', 'final', 'reversed', 'dismissed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_ACTIONS = [
  'interim_suspend',
  'record_interim_hearing',
  'issue_notice',
  'record_response',
  'schedule_hearing',
  'record_hearing',
  'decide',
  'appeal',
  'resolve_appeal',
  'finalize',
  'dismiss',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

/** c. 6E §10: revoke or suspend; retraining and reprimand are the lesser orders. */
export const SANCTIONS = ['revoke', 'suspend', 'retrain', 'reprimand', 'no_action'] as const;
export type Sanction = (typeof SANCTIONS)[number];

/** A notice proposes a sanction to answer to; proposing "no action" would give nothing to answer. */
export const PROPOSABLE_SANCTIONS = ['revoke', 'suspend', 'retrain', 'reprimand'] as const;
export type ProposableSanction = (typeof PROPOSABLE_SANCTIONS)[number];

/** c. 6E §9: arrest, charge or indictment for a felony, or a preliminary-inquiry finding. */
export const INTERIM_SUSPENSION_TRIGGERS = ['felony_arrest', 'felony_charge', 'felony_indictment', 'inquiry_finding'] as const;
export type InterimSuspensionTrigger = (typeof INTERIM_SUSPENSION_TRIGGERS)[number];

export const INTERIM_HEARING_OUTCOMES = ['continued', 'lifted'] as const;
export type InterimHearingOutcome = (typeof INTERIM_HEARING_OUTCOMES)[number];

export const APPEAL_OUTCOMES = ['upheld', 'reversed'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

const INVESTIGATOR: readonly Role[] = ['commission_investigator'];
const ADJUDICATOR: readonly Role[] = ['commission_adjudicator'];

/**
 * Who may take each action (DOMAIN.md table). The investigator prosecutes, the adjudicator
 * decides: keeping the two apart is what makes the hearing fair. An appeal is filed in court
 * (c. 30A §14); either commission side records it.
 */
export const ROLES_BY_CASE_ACTION: Readonly<Record<CaseAction, readonly Role[]>> = {
  interim_suspend: ADJUDICATOR,
  record_interim_hearing: ADJUDICATOR,
  issue_notice: INVESTIGATOR,
  // The officer answers their own notice (API.md POST /me/cases/:id/response); the investigator records an answer given otherwise.
  record_response: [...INVESTIGATOR, 'officer'],
  schedule_hearing: INVESTIGATOR,
  record_hearing: INVESTIGATOR,
  decide: ADJUDICATOR,
  appeal: [...INVESTIGATOR, ...ADJUDICATOR],
  resolve_appeal: ADJUDICATOR,
  finalize: ADJUDICATOR,
  dismiss: ADJUDICATOR,
};

/** Statuses before a decision: the proceeding is still running. */
const PENDING: readonly CaseStatus[] = ['open', 'notice_issued', 'hearing_scheduled', 'heard'];

/**
 * The statuses in which each action may be attempted at all. Finer rules (deadlines, a
 * hearing request, a single interim suspension) are guards in the workflow and refuse with
 * reasons instead.
 *
 * `record_interim_hearing` is limited to the pending statuses: a §9 interim suspension lasts
 * only until the final decision (which ends it, see case-decision.ts) or a dismissal.
 */
export const STATUSES_BY_CASE_ACTION: Readonly<Record<CaseAction, readonly CaseStatus[]>> = {
  interim_suspend: ['open', 'notice_issued', 'hearing_scheduled'],
  record_interim_hearing: PENDING,
  issue_notice: ['open'],
  record_response: ['notice_issued'],
  schedule_hearing: ['notice_issued'],
  record_hearing: ['hearing_scheduled'],
  decide: ['notice_issued', 'heard'],
  appeal: ['decided'],
  resolve_appeal: ['appealed'],
  finalize: ['decided'],
  dismiss: PENDING,
};

export function isCaseAction(value: unknown): value is CaseAction {
  return typeof value === 'string' && (CASE_ACTIONS as readonly string[]).includes(value);
}

/** Actions the status allows (the `allowedActions` of a `CASE.ILLEGAL_ACTION` refusal), in canonical order. */
export function actionsAllowedIn(status: CaseStatus): CaseAction[] {
  return CASE_ACTIONS.filter((action) => STATUSES_BY_CASE_ACTION[action].includes(status));
}

export function rolesAllowedTo(action: CaseAction): readonly Role[] {
  return ROLES_BY_CASE_ACTION[action];
}

/** Who opens a case (API.md `POST /cases`). */
export const CASE_OPENING_ROLES: readonly Role[] = ['commission_investigator'];

/**
 * The role an action was taken in, for the timeline's "By": the first of the roles the action
 * allows that the actor holds (an investigator who is also an adjudicator appeals as the
 * investigator: the roles' order above); null when the actor holds none of them.
 */
export function actingRole(action: CaseAction | 'open', actorRoles: readonly Role[]): Role | null {
  const allowed = action === 'open' ? CASE_OPENING_ROLES : ROLES_BY_CASE_ACTION[action];
  return allowed.find((role) => actorRoles.includes(role)) ?? null;
}

export function isTerminalCaseStatus(status: CaseStatus): boolean {
  return actionsAllowedIn(status).length === 0;
}
