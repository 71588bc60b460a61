import { InvalidInputError, NotFoundError, RuleViolationError } from '@app/core';

/** An officer id that names no officer (calls from other contexts). */
export const certificationNotFound = () => new NotFoundError('CERTIFICATION.NOT_FOUND', 'No certification for this officer.');

/**
 * `effectiveOn` may backdate a change but not predate the last recorded one (the history
 * would no longer read in order), nor lie in the future (time would be settled ahead of itself).
 */
export const effectiveDateRefused = (reason: 'effective_on_in_future' | 'effective_on_before_last_change', extensions: Record<string, unknown>) =>
  new RuleViolationError('CERTIFICATION.EFFECTIVE_DATE_REFUSED', 'The effective date is not allowed for this certification.', [reason], extensions);

export const invalidTransitionRequest = (field: string, message: string) =>
  new InvalidInputError('REQUEST.INVALID', 'The request is invalid; see errors[] for each field.', [{ field, message }]);
