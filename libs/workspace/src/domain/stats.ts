import { CERTIFICATION_STATUSES } from '@app/certification';
import { InvalidInputError, IsoDate } from '@app/core';
import { CASE_STATUSES, SANCTIONS } from '@app/discipline';

/** The longest range one request may ask for: ten years of months. */
export const MAX_RANGE_MONTHS = 120;
/** Without `from`: the twelve calendar months ending with `to`'s. */
export const DEFAULT_RANGE_MONTHS = 12;

const monthIndex = (date: IsoDate) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
const monthOf = (index: number) => `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;

/** `from` and `to` (inclusive) from the query: `to` defaults to today, `from` to the first day of the twelfth month back. */
export function statsRange(query: { from?: IsoDate; to?: IsoDate }, today: IsoDate): { from: IsoDate; to: IsoDate } {
  const to = query.to ?? today;
  const from = query.from ?? `${monthOf(monthIndex(to) - DEFAULT_RANGE_MONTHS + 1)}-01`;
  const errors: { field: string; message: string }[] = [];
  if (from > to) errors.push({ field: 'from', message: 'from must be on or before to' });
  else if (monthIndex(to) - monthIndex(from) + 1 > MAX_RANGE_MONTHS)
    errors.push({ field: 'from', message: `the range may span at most ${MAX_RANGE_MONTHS} months` });
  if (errors.length > 0) throw new InvalidInputError('STATS.INVALID_RANGE', 'The date range is not one the figures can be computed for.', errors);
  return { from, to };
}

/** Every calendar month the range touches, oldest first. */
export function monthsOf(range: { from: IsoDate; to: IsoDate }): string[] {
  const months: string[] = [];
  for (let i = monthIndex(range.from); i <= monthIndex(range.to); i += 1) months.push(monthOf(i));
  return months;
}

export type SanctionCounts = Record<(typeof SANCTIONS)[number], number>;

export interface StatsOverview {
  from: IsoDate;
  to: IsoDate;
  casesByStatus: Record<string, number>;
  decisionsByMonth: ({ month: string } & SanctionCounts)[];
  medianDaysReportToFinal: number | null;
  certificationsByStatus: Record<string, number>;
  hiringChecks: { month: string; checks: number; matches: number; notHireable: number }[];
  wanderingOfficers: { postId: string; name: string; separationsUnderInvestigation: number }[];
}

const everyKey = (keys: readonly string[], counts: Map<string, number>) => Object.fromEntries(keys.map((key) => [key, counts.get(key) ?? 0]));

/** Pure: the figures in API.md's shape, every status and every month present (zeros included). */
export function statsOverview(input: {
  range: { from: IsoDate; to: IsoDate };
  casesByStatus: Map<string, number>;
  decisions: { month: string; sanction: string; n: number }[];
  medianDaysReportToFinal: number | null;
  certificationsByStatus: Map<string, number>;
  hiringChecks: { month: string; checks: number; matches: number; not_hireable: number }[];
  wanderingOfficers: { postId: string; name: string; separationsUnderInvestigation: number }[];
}): StatsOverview {
  const months = monthsOf(input.range);
  const checks = new Map(input.hiringChecks.map((row) => [row.month, row]));
  return {
    from: input.range.from,
    to: input.range.to,
    casesByStatus: everyKey(CASE_STATUSES, input.casesByStatus),
    decisionsByMonth: months.map((month) => {
      const counts = new Map(input.decisions.filter((d) => d.month === month).map((d) => [d.sanction, d.n]));
      return { month, ...(everyKey(SANCTIONS, counts) as SanctionCounts) };
    }),
    medianDaysReportToFinal: input.medianDaysReportToFinal,
    certificationsByStatus: everyKey(CERTIFICATION_STATUSES, input.certificationsByStatus),
    hiringChecks: months.map((month) => {
      const row = checks.get(month);
      return { month, checks: row?.checks ?? 0, matches: row?.matches ?? 0, notHireable: row?.not_hireable ?? 0 };
    }),
    wanderingOfficers: input.wanderingOfficers,
  };
}

/**
 * Pure: percentile_cont(0.5) of the values a histogram (value → how many) describes: the middle
 * value, or the mean of the two middle ones; null when empty.
 */
export function medianOfHistogram(counts: ReadonlyMap<number, number>): number | null {
  const values = [...counts].filter(([, n]) => n > 0).sort(([a], [b]) => a - b);
  const total = values.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return null;
  const at = (index: number) => {
    let seen = 0;
    for (const [value, n] of values) {
      seen += n;
      if (index < seen) return value;
    }
    throw new Error('index beyond the histogram');
  };
  return total % 2 === 1 ? at((total - 1) / 2) : (at(total / 2 - 1) + at(total / 2)) / 2;
}
