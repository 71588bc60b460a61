import { addDays, IsoDate, parseIsoDate } from '@app/core';

/**
 * c. 6E §8(b): an agency transmits a complaint to the commission within 2 business days of
 * receiving it (REPORT_DEADLINE_BUSINESS_DAYS). Saturdays, Sundays and the configured holidays
 * are not business days. As in the usual computation of time, the day of receipt itself is not
 * counted: a report received on a Friday is due by the following Tuesday.
 */
export function isBusinessDay(date: IsoDate, holidays: ReadonlySet<IsoDate> | readonly IsoDate[]): boolean {
  const weekday = parseIsoDate(date).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  return !toSet(holidays).has(date);
}

/**
 * Business days after `from` up to and including `to`; negative when `to` is earlier. The same
 * day, or a weekend after a Friday, counts 0.
 */
export function businessDaysBetween(from: IsoDate, to: IsoDate, holidays: readonly IsoDate[]): number {
  if (to < from) return -businessDaysBetween(to, from, holidays);
  const holidaySet = toSet(holidays);
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (isBusinessDay(day, holidaySet)) count += 1;
  }
  return count;
}

/** The `count`-th business day after `from`: the last day a report received on `from` is on time. */
export function addBusinessDays(from: IsoDate, count: number, holidays: readonly IsoDate[]): IsoDate {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a whole number >= 0, got ${count}`);
  const holidaySet = toSet(holidays);
  let day = from;
  for (let counted = 0; counted < count;) {
    day = addDays(day, 1);
    if (isBusinessDay(day, holidaySet)) counted += 1;
  }
  return day;
}

/** The last day a report received on `receivedOn` may be filed on time. */
export function reportDueOn(receivedOn: IsoDate, deadlineBusinessDays: number, holidays: readonly IsoDate[]): IsoDate {
  return addBusinessDays(receivedOn, deadlineBusinessDays, holidays);
}

/**
 * True when the report reached the registry after its due day. A filing on the weekend right
 * after a Friday deadline is late too: the deadline day had passed.
 */
export function isReportLate(receivedOn: IsoDate, filedOn: IsoDate, deadlineBusinessDays: number, holidays: readonly IsoDate[]): boolean {
  return filedOn > reportDueOn(receivedOn, deadlineBusinessDays, holidays);
}

function toSet(holidays: ReadonlySet<IsoDate> | readonly IsoDate[]): ReadonlySet<IsoDate> {
  return holidays instanceof Set ? holidays : new Set(holidays as readonly IsoDate[]);
}
