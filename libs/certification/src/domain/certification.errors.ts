import { ConflictError, invalidRequest, NotFoundError, RuleViolationError } from '@app/core';
import type { CertificationCommandType } from './certification-commands';
import type { CertificationStatus } from './certification-status';

/** Stable codes clients may rely on (API.md: 422 with `reasons[]`). */
export const CERTIFICATION_ERROR_CODES = {
  illegalTransition: 'CERTIFICATION.ILLEGAL_TRANSITION',
  notEligible: 'CERTIFICATION.NOT_ELIGIBLE',
  renewalRequirementsNotMet: 'CERTIFICATION.RENEWAL_REQUIREMENTS_NOT_MET',
  conditionsNotAllowed: 'CERTIFICATION.CONDITIONS_NOT_ALLOWED',
  conditionRefused: 'CERTIFICATION.CONDITION_REFUSED',
  conditionAlreadySatisfied: 'CERTIFICATION.CONDITION_ALREADY_SATISFIED',
  conditionNotFound: 'CERTIFICATION.CONDITION_NOT_FOUND',
} as const;

/**
 * Why a command was refused in the current state:
 * - `illegal_transition`: the command is not legal from the status at all;
 * - `term_running`: `lapse` before the term ended;
 * - `term_expired`: `reactivate` after the term ended (certify instead: a new term);
 * - `already_renewed`: `renew` of a term that has not begun yet;
 * - `suspension_end_not_after_start`: `suspend` ending on or before its effective date;
 * - `suspended_under_other_case`: `suspend` while another case's suspension runs;
 * - `suspension_case_mismatch`: `end_suspension` naming a case that did not impose it;
 * - `revocation_case_mismatch`: `reverse_revocation` naming another case;
 * - `no_condition_overdue`: `admin_suspend` for `condition_unmet` while no condition is overdue;
 * - `condition_still_overdue`: `lift_admin_suspension` of a `condition_unmet` suspension while one still is.
 */
export type TransitionRefusalReason =
  | 'illegal_transition'
  | 'term_running'
  | 'term_expired'
  | 'already_renewed'
  | 'suspension_end_not_after_start'
  | 'suspended_under_other_case'
  | 'suspension_case_mismatch'
  | 'revocation_case_mismatch'
  | 'no_condition_overdue'
  | 'condition_still_overdue';

/*
 * Every error of the context is built by a factory below (one idiom for the whole registry:
 * factories in `domain/<context>.errors.ts` over the kinds of @app/core). Tests tell them
 * apart by `code`.
 */

export const illegalCertificationTransition = (
  status: CertificationStatus,
  command: CertificationCommandType,
  reason: TransitionRefusalReason,
  allowedCommands: readonly CertificationCommandType[],
) =>
  new RuleViolationError(
    CERTIFICATION_ERROR_CODES.illegalTransition,
    `The certification is ${status}: ${command} is refused (${reason}).`,
    [reason],
    // Not `status`: the problem document's own `status` is the HTTP code.
    { certificationStatus: status, command, allowedCommands },
  );

/** Initial certification refused: every unmet requirement at once (DOMAIN.md). */
export const certificationNotEligible = (reasons: readonly string[], warnings: readonly string[], extensions: Record<string, unknown> = {}) =>
  new RuleViolationError(CERTIFICATION_ERROR_CODES.notEligible, 'The officer does not meet the requirements for certification.', reasons, {
    warnings,
    ...extensions,
  });

/** Renewal refused: the current term's in-service hours fall short. */
export const renewalRequirementsNotMet = (reasons: ReadonlyArray<Record<string, unknown>>) =>
  new RuleViolationError(CERTIFICATION_ERROR_CODES.renewalRequirementsNotMet, 'The in-service training requirement of the current term is not met.', reasons);

/** An officer id that names no officer (calls from other contexts). */
export const certificationNotFound = () => new NotFoundError('CERTIFICATION.NOT_FOUND', 'No certification for this officer.');

/**
 * `effectiveOn` may backdate a change but not predate the last recorded one (the history
 * would no longer read in order), nor lie in the future (time would be settled ahead of itself).
 */
export const effectiveDateRefused = (reason: 'effective_on_in_future' | 'effective_on_before_last_change', extensions: Record<string, unknown>) =>
  new RuleViolationError('CERTIFICATION.EFFECTIVE_DATE_REFUSED', 'The effective date is not allowed for this certification.', [reason], extensions);

export const invalidTransitionRequest = (field: string, message: string) => invalidRequest([{ field, message }]);

/** 555 CMR 9.10: no condition may lift a failed background check, a felony conviction or a lack of moral character or fitness. */
export const conditionsNotAllowed = (bases: readonly string[]) =>
  new RuleViolationError(
    CERTIFICATION_ERROR_CODES.conditionsNotAllowed,
    'Conditions are not allowed when the bar is a background check, a felony conviction or moral character.',
    ['conditions_not_allowed'],
    { bases },
  );

/** A condition the rules refuse: its due date, its basis, or a grant that no longer stands. `index` is the condition's place in the request. */
export const conditionRefused = (reasons: ReadonlyArray<{ code: string; index: number }>, extensions: Record<string, unknown> = {}) =>
  new RuleViolationError(CERTIFICATION_ERROR_CODES.conditionRefused, 'The condition is refused.', reasons, extensions);

export const conditionAlreadySatisfied = (conditionId: string, satisfiedOn: string | null) =>
  new ConflictError(CERTIFICATION_ERROR_CODES.conditionAlreadySatisfied, 'The condition is already satisfied.', { conditionId, satisfiedOn });

/** Unknown, or a condition of another officer: the same 404. */
export const conditionNotFound = () => new NotFoundError(CERTIFICATION_ERROR_CODES.conditionNotFound, 'No such condition on this certification.');
