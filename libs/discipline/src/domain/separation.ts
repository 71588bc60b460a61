import { ConflictError, IsoDate, RuleViolationError } from '@app/core';

export const SEPARATION_ERROR_CODES = {
  alreadySeparated: 'EMPLOYMENT.ALREADY_SEPARATED',
  ruleRefused: 'EMPLOYMENT.SEPARATION_REFUSED',
  notFound: 'EMPLOYMENT.NOT_FOUND',
} as const;

export type SeparationRefusalReason = 'end_before_start' | 'end_date_in_future';

/**
 * A separation is recorded once, after it happened: the flag `underInvestigation` follows the
 * officer to every later hiring check (555 CMR 12.03), so it must not be quietly rewritten by a
 * second separation. A correction would be an amendment of its own, not a second call.
 */
export function checkSeparation(employment: { startDate: IsoDate; endDate: IsoDate | null }, endDate: IsoDate, today: IsoDate): void {
  if (employment.endDate !== null) {
    throw new ConflictError(SEPARATION_ERROR_CODES.alreadySeparated, `The employment already ended on ${employment.endDate}.`, {
      endDate: employment.endDate,
    });
  }
  const reasons: SeparationRefusalReason[] = [];
  if (endDate < employment.startDate) reasons.push('end_before_start');
  if (endDate > today) reasons.push('end_date_in_future');
  if (reasons.length > 0) {
    throw new RuleViolationError(SEPARATION_ERROR_CODES.ruleRefused, `The separation is refused: ${reasons.join(', ')}.`, reasons, {
      startDate: employment.startDate,
      today,
    });
  }
}
