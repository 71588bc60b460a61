import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, Role, RuleViolationError } from '@app/core';
import { CaseAction, CaseStatus } from './case-status';

/** Stable codes clients and the problem filter rely on. */
export const CASE_ERROR_CODES = {
  illegalAction: 'CASE.ILLEGAL_ACTION',
  ruleRefused: 'CASE.RULE_REFUSED',
  roleNotAllowed: 'CASE.ROLE_NOT_ALLOWED',
  versionConflict: 'CASE.VERSION_CONFLICT',
  invalidInput: 'CASE.INVALID_INPUT',
  notFound: 'CASE.NOT_FOUND',
  unknownGround: 'CASE.UNKNOWN_GROUND',
  reportsRefused: 'CASE.REPORTS_REFUSED',
} as const;

export const REPORT_ERROR_CODES = {
  ruleRefused: 'REPORT.RULE_REFUSED',
  notFound: 'REPORT.NOT_FOUND',
  versionConflict: 'REPORT.VERSION_CONFLICT',
} as const;

export const SEPARATION_ERROR_CODES = {
  alreadySeparated: 'EMPLOYMENT.ALREADY_SEPARATED',
  ruleRefused: 'EMPLOYMENT.SEPARATION_REFUSED',
  notFound: 'EMPLOYMENT.NOT_FOUND',
} as const;

/** Machine reasons of a `CASE.RULE_REFUSED` refusal (`reasons[]` in the problem document). */
export const CASE_REFUSAL_REASONS = [
  // opening a case
  'grounds_required',
  'ground_duplicated',
  // interim suspension, c. 6E §9
  'interim_suspension_already_used',
  'not_interim_suspended',
  'interim_hearing_waived_and_held',
  'requested_before_suspension',
  'requested_on_in_future',
  'held_before_suspension',
  'held_on_in_future',
  'interim_request_late',
  'interim_hearing_too_early',
  'earlier_hearing_without_request',
  // notice, response, hearing
  'sanction_not_proposable',
  'response_due_too_soon',
  'response_already_recorded',
  'response_window_closed',
  'hearing_requested_and_waived',
  'hearing_date_in_past',
  'hearing_before_notice',
  'hearing_before_response_due',
  // decision, c. 6E §10
  'response_window_open',
  'hearing_requested',
  'finding_missing',
  'finding_for_unknown_ground',
  'finding_duplicated',
  'mandatory_ground_requires_revocation',
  'sanction_requires_sustained_finding',
  'suspension_days_required',
  'suspension_days_out_of_range',
  'suspension_days_not_allowed',
  'reasoning_required',
  // appeal and finality, c. 30A §14
  'filed_on_in_future',
  'filed_before_decision',
  'appeal_window_open',
] as const;
export type CaseRefusalReason = (typeof CASE_REFUSAL_REASONS)[number];

export type ReportRefusalReason = 'incident_date_in_future' | 'received_on_in_future' | 'received_before_incident';

export type SeparationRefusalReason = 'end_before_start' | 'end_date_in_future';

/*
 * Every error of the context is built by a factory below (one idiom for the whole registry:
 * factories in `domain/<context>.errors.ts` over the kinds of @app/core). Tests tell them
 * apart by `code`.
 */

/** 422: the action does not exist in the case's current status. */
export const illegalCaseAction = (status: CaseStatus, action: string, allowedActions: readonly CaseAction[]) =>
  new RuleViolationError(
    CASE_ERROR_CODES.illegalAction,
    `Action "${action}" is not allowed while the case is ${status}.`,
    ['action_not_allowed_in_status'],
    // `caseStatus`, not `status`: the problem document's `status` member is the HTTP status.
    { caseStatus: status, action, allowedActions: [...allowedActions] },
  );

/** 422: the status allows the action but a rule refuses it; every unmet rule is listed at once. */
export const caseRuleRefused = (action: CaseAction | 'open_case', refusals: readonly CaseRefusalReason[], details: Record<string, unknown> = {}) =>
  new RuleViolationError(CASE_ERROR_CODES.ruleRefused, `The rules refuse "${action}": ${refusals.join(', ')}.`, [...refusals], { action, ...details });

/** 403: the actor holds none of the roles the action needs. */
export const caseRoleNotAllowed = (action: CaseAction, requiredRoles: readonly Role[]) =>
  new ForbiddenError(CASE_ERROR_CODES.roleNotAllowed, `Action "${action}" needs one of the roles: ${requiredRoles.join(', ')}.`);

/** 409: the client acted on a version of the case that is no longer current. */
export const caseVersionConflict = (expectedVersion: number, currentVersion: number) =>
  new ConflictError(CASE_ERROR_CODES.versionConflict, `The case is at version ${currentVersion}, not ${expectedVersion}; reload it and try again.`, {
    expectedVersion,
    currentVersion,
  });

/** 400: a payload field the request DTO should already have rejected (e.g. a malformed date). */
export const caseInvalidInput = (fieldErrors: { field: string; message: string }[]) =>
  new InvalidInputError(CASE_ERROR_CODES.invalidInput, 'The case action has invalid fields.', fieldErrors);

export const caseNotFound = () => new NotFoundError(CASE_ERROR_CODES.notFound, 'No such case.');

/** Grounds are reference rows: every unknown code is listed. */
export const unknownGrounds = (unknownGrounds: string[]) =>
  new RuleViolationError(CASE_ERROR_CODES.unknownGround, `Unknown grounds: ${unknownGrounds.join(', ')}; see GET /grounds.`, ['ground_unknown'], {
    unknownGrounds,
  });

/** A case rests on reports about its own subject. */
export const linkedReportsRefused = (reasons: string[], missingReports: string[], reportsAboutOtherOfficers: string[]) =>
  new RuleViolationError(CASE_ERROR_CODES.reportsRefused, `The linked reports are refused: ${reasons.join(', ')}.`, reasons, {
    missingReports,
    reportsAboutOtherOfficers,
  });

/** 422 with every unmet rule of a report's dates at once. */
export const reportRuleRefused = (reasons: ReportRefusalReason[], details: Record<string, unknown> = {}) =>
  new RuleViolationError(REPORT_ERROR_CODES.ruleRefused, `The report is refused: ${reasons.join(', ')}.`, reasons, details);

export const reportNotFound = () => new NotFoundError(REPORT_ERROR_CODES.notFound, 'No such misconduct report.');

export const reportVersionConflict = (expectedVersion: number, currentVersion: number) =>
  new ConflictError(REPORT_ERROR_CODES.versionConflict, `The report is at version ${currentVersion}, not ${expectedVersion}.`, {
    expectedVersion,
    currentVersion,
  });

export const employmentNotFound = () => new NotFoundError(SEPARATION_ERROR_CODES.notFound, 'No such employment.');

export const alreadySeparated = (endDate: string) =>
  new ConflictError(SEPARATION_ERROR_CODES.alreadySeparated, `The employment already ended on ${endDate}.`, { endDate });

export const separationRefused = (reasons: SeparationRefusalReason[], startDate: string, today: string) =>
  new RuleViolationError(SEPARATION_ERROR_CODES.ruleRefused, `The separation is refused: ${reasons.join(', ')}.`, reasons, { startDate, today });
