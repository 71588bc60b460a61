import { IsoDate } from '@app/core';
import { alreadySeparated, SeparationRefusalReason, separationRefused } from './discipline.errors';

/**
 * A separation is recorded once, after it happened: the flag `underInvestigation` follows the
 * officer to every later hiring check (555 CMR 12.03), so it must not be quietly rewritten by a
 * second separation. A correction would be an amendment of its own, not a second call.
 */
export function checkSeparation(employment: { startDate: IsoDate; endDate: IsoDate | null }, endDate: IsoDate, today: IsoDate): void {
  if (employment.endDate !== null) {
    throw alreadySeparated(employment.endDate);
  }
  const reasons: SeparationRefusalReason[] = [];
  if (endDate < employment.startDate) reasons.push('end_before_start');
  if (endDate > today) reasons.push('end_date_in_future');
  if (reasons.length > 0) {
    throw separationRefused(reasons, employment.startDate, today);
  }
}
