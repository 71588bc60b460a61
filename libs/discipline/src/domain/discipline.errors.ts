import { ConflictError, ForbiddenError, InvalidInputError, Role, RuleViolationError } from '@app/core';
import { CaseAction, CaseStatus } from './case-status';

/** Stable codes clients and the problem filter rely on. */
export const CASE_ERROR_CODES = {
  illegalAction: 'CASE.ILLEGAL_ACTION',
  ruleRefused: 'CASE.RULE_REFUSED',
  roleNotAllowed: 'CASE.ROLE_NOT_ALLOWED',
  versionConflict: 'CASE.VERSION_CONFLICT',
  invalidInput: 'CASE.INVALID_INPUT',
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
  // notice, response, hearing
  'sanction_not_proposable',
  'response_due_too_soon',
  'response_already_recorded',
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

/** 422: the action does not exist in the case's current status. */
export class IllegalCaseActionError extends RuleViolationError {
  constructor(
    readonly status: CaseStatus,
    readonly action: string,
    readonly allowedActions: readonly CaseAction[],
  ) {
    super(
      CASE_ERROR_CODES.illegalAction,
      `Action "${action}" is not allowed while the case is ${status}.`,
      ['action_not_allowed_in_status'],
      // `caseStatus`, not `status`: the problem document's `status` member is the HTTP status.
      { caseStatus: status, action, allowedActions: [...allowedActions] },
    );
    this.name = 'IllegalCaseActionError';
  }
}

/** 422: the status allows the action but a rule refuses it; every unmet rule is listed at once. */
export class CaseRuleRefusedError extends RuleViolationError {
  constructor(
    readonly action: CaseAction | 'open_case',
    readonly refusals: readonly CaseRefusalReason[],
    details: Record<string, unknown> = {},
  ) {
    super(
      CASE_ERROR_CODES.ruleRefused,
      `The rules refuse "${action}": ${refusals.join(', ')}.`,
      [...refusals],
      { action, ...details },
    );
    this.name = 'CaseRuleRefusedError';
  }
}

/** 403: the actor holds none of the roles the action needs. */
export class CaseRoleNotAllowedError extends ForbiddenError {
  constructor(
    readonly action: CaseAction,
    readonly requiredRoles: readonly Role[],
  ) {
    super(CASE_ERROR_CODES.roleNotAllowed, `Action "${action}" needs one of the roles: ${requiredRoles.join(', ')}.`);
    this.name = 'CaseRoleNotAllowedError';
  }
}

/** 409: the client acted on a version of the case that is no longer current. */
export class CaseVersionConflictError extends ConflictError {
  constructor(expectedVersion: number, currentVersion: number) {
    super(
      CASE_ERROR_CODES.versionConflict,
      `The case is at version ${currentVersion}, not ${expectedVersion}; reload it and try again.`,
      { expectedVersion, currentVersion },
    );
    this.name = 'CaseVersionConflictError';
  }
}

/** 400: a payload field the request DTO should already have rejected (e.g. a malformed date). */
export class CaseInvalidInputError extends InvalidInputError {
  constructor(fieldErrors: { field: string; message: string }[]) {
    super(CASE_ERROR_CODES.invalidInput, 'The case action has invalid fields.', fieldErrors);
    this.name = 'CaseInvalidInputError';
  }
}
