/**
 * The dashboard's figures as rows of words and numbers (GET /stats/overview): one shape feeds
 * both a chart and its table, so the two always show the same numbers. Pure: no DOM, no
 * Preact, table-tested in dashboard-figures.spec.ts.
 */
import { statusLabel } from '../../words';
import { caseStatusLabel } from './case-words';

/** The sanctions of a decision, in the order of severity the commission reads them. */
export const SANCTIONS = ['revoke', 'suspend', 'retrain', 'reprimand', 'no_action'] as const;
export type Sanction = (typeof SANCTIONS)[number];

export const SANCTION_LABELS: Record<Sanction, string> = {
  revoke: 'Revocation',
  suspend: 'Suspension',
  retrain: 'Retraining',
  reprimand: 'Reprimand',
  no_action: 'No action',
};

/** `2026-03` → `Mar 2026` (a month of the series, in UTC: no time zone moves it). */
export const monthLabel = (month: string): string => {
  const [year, number] = month.split('-').map(Number);
  if (!year || !number) return month;
  return new Date(Date.UTC(year, number - 1, 1)).toLocaleDateString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
};

/** The share of checks that found an officer who was not hireable, in whole percent; null without a check. */
export const notHireableShare = (checks: number, notHireable: number): number | null => (checks > 0 ? Math.round((notHireable / checks) * 100) : null);

export const shareWords = (share: number | null): string => (share === null ? 'no checks' : `${share}%`);

/** A count per status, in the registry's own order of statuses (the case pipeline, from open to closed). */
export const statusRows = (counts: Record<string, number>, label: (status: string) => string): { status: string; label: string; count: number }[] =>
  Object.entries(counts).map(([status, count]) => ({ status, label: label(status), count }));

export const caseRows = (counts: Record<string, number>) => statusRows(counts, caseStatusLabel);
export const certificationRows = (counts: Record<string, number>) => statusRows(counts, statusLabel);

export const total = (rows: { count: number }[]): number => rows.reduce((sum, row) => sum + row.count, 0);

export const medianWords = (days: number | null | undefined): string =>
  days === null || days === undefined ? 'No case became final in this range.' : `${days} ${days === 1 ? 'day' : 'days'}`;
