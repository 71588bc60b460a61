import { IsoDate } from '@app/core';
import { isReportLate, reportDueOn } from './business-days';
import { ReportRefusalReason, reportRuleRefused } from './discipline.errors';

/** DOMAIN.md "Misconduct reports": what an agency reports (c. 6E §8(b)). */
export const MISCONDUCT_CATEGORIES = [
  'excessive_force',
  'failure_to_intervene',
  'bias',
  'dishonesty',
  'sexual_misconduct',
  'felony',
  'misdemeanor',
  'hate_crime',
  'unprofessional_conduct',
  'other',
] as const;
export type MisconductCategory = (typeof MISCONDUCT_CATEGORIES)[number];

export const AGENCY_FINDINGS = ['pending', 'sustained', 'not_sustained', 'exonerated', 'unfounded'] as const;
export type AgencyFinding = (typeof AGENCY_FINDINGS)[number];

/** The content an agency states, in each version of a report. */
export interface ReportContent {
  incidentDate: IsoDate;
  categories: MisconductCategory[];
  summary: string;
  agencyFinding: AgencyFinding;
  discipline: string | null;
}

export interface ReportTimeliness {
  receivedOn: IsoDate;
  filedOn: IsoDate;
  dueOn: IsoDate;
  late: boolean;
}

export interface ReportDeadlineConfig {
  /** REPORT_DEADLINE_BUSINESS_DAYS, c. 6E §8(b)(1): 2 business days from receipt. */
  deadlineBusinessDays: number;
  holidays: readonly IsoDate[];
}

/**
 * A report tells of the past: the incident and the agency's receipt of the complaint cannot lie
 * after the day it is filed, and the complaint cannot be received before the incident happened.
 * Returns when and whether it was filed on time (c. 6E §8(b)). A late report is still recorded:
 * refusing it would lose the record the deadline exists to get.
 */
export function assessNewReport(dates: { incidentDate: IsoDate; receivedOn: IsoDate }, filedOn: IsoDate, config: ReportDeadlineConfig): ReportTimeliness {
  const reasons: ReportRefusalReason[] = [];
  if (dates.incidentDate > filedOn) reasons.push('incident_date_in_future');
  if (dates.receivedOn > filedOn) reasons.push('received_on_in_future');
  if (dates.receivedOn < dates.incidentDate) reasons.push('received_before_incident');
  if (reasons.length > 0) throw reportRuleRefused(reasons, { today: filedOn });
  return {
    receivedOn: dates.receivedOn,
    filedOn,
    dueOn: reportDueOn(dates.receivedOn, config.deadlineBusinessDays, config.holidays),
    late: isReportLate(dates.receivedOn, filedOn, config.deadlineBusinessDays, config.holidays),
  };
}

/** An amendment keeps the receipt date; only its incident date can move, within the same bounds. */
export function checkAmendedReport(incidentDate: IsoDate, receivedOn: IsoDate, today: IsoDate): void {
  const reasons: ReportRefusalReason[] = [];
  if (incidentDate > today) reasons.push('incident_date_in_future');
  if (receivedOn < incidentDate) reasons.push('received_before_incident');
  if (reasons.length > 0) throw reportRuleRefused(reasons, { today });
}
