import { ApiProperty } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import type { StatsOverview, WorkItem } from '@app/workspace';
import { WORK_ITEM_KINDS } from '@app/workspace';
import { IsIsoDate } from '../../common/is-iso-date';

export class StatsQueryDto {
  /** First day counted (YYYY-MM-DD); default: the first day of the twelfth month back from `to`. */
  @IsOptional()
  @IsIsoDate()
  from?: string;

  /** Last day counted (YYYY-MM-DD); default: today. */
  @IsOptional()
  @IsIsoDate()
  to?: string;
}

export class WorkItemSubjectResponse {
  /** `case`, `certification` (id: the officer's), `misconduct_report`, `notice`, `possible_duplicate`, `webhook`, … */
  type: string;
  id: string;
  postId: string | null;
}

export class WorkItemResponse {
  @ApiProperty({ enum: WORK_ITEM_KINDS })
  kind: string;
  /** Which clock: `response_due`, `hearing`, `interim_hearing`, `appeal_window` for a case; the kind otherwise. */
  reason: string;
  /** YYYY-MM-DD */
  dueOn: string;
  /** Due before today. */
  overdue: boolean;
  subject: WorkItemSubjectResponse;
  summary: string;
}

export class WorkQueuePage {
  items: WorkItemResponse[];
  nextCursor: string | null;
}

export class DecisionsInMonthResponse {
  /** YYYY-MM */
  month: string;
  revoke: number;
  suspend: number;
  retrain: number;
  reprimand: number;
  no_action: number;
}

export class HiringChecksInMonthResponse {
  /** YYYY-MM */
  month: string;
  checks: number;
  /** Checks that found at least one officer. */
  matches: number;
  /** Checks that found at least one officer who was not hireable. */
  notHireable: number;
}

export class WanderingOfficerResponse {
  postId: string;
  name: string;
  separationsUnderInvestigation: number;
}

export class StatsOverviewResponse {
  /** The range counted (YYYY-MM-DD, inclusive). */
  from: string;
  to: string;
  /** Every case now, by status (every status present). */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } })
  casesByStatus: Record<string, number>;
  /** Decisions made in each month of the range, by sanction. */
  decisionsByMonth: DecisionsInMonthResponse[];
  /** Over cases that became final within the range: days from the first report's filing to the final decision; null without any. */
  medianDaysReportToFinal: number | null;
  /** Every certification by the status it reads today (every status present). */
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } })
  certificationsByStatus: Record<string, number>;
  hiringChecks: HiringChecksInMonthResponse[];
  /** Every officer with two or more separations under investigation, most first (the whole list: none is left off). */
  wanderingOfficers: WanderingOfficerResponse[];
}

export const toWorkItemResponse = (item: WorkItem): WorkItemResponse => ({
  kind: item.kind,
  reason: item.reason,
  dueOn: item.dueOn,
  overdue: item.overdue,
  subject: { type: item.subject.type, id: item.subject.id, postId: item.subject.postId },
  summary: item.summary,
});

export const toStatsOverviewResponse = (stats: StatsOverview): StatsOverviewResponse => ({
  from: stats.from,
  to: stats.to,
  casesByStatus: { ...stats.casesByStatus },
  decisionsByMonth: stats.decisionsByMonth.map((m) => ({
    month: m.month,
    revoke: m.revoke,
    suspend: m.suspend,
    retrain: m.retrain,
    reprimand: m.reprimand,
    no_action: m.no_action,
  })),
  medianDaysReportToFinal: stats.medianDaysReportToFinal,
  certificationsByStatus: { ...stats.certificationsByStatus },
  hiringChecks: stats.hiringChecks.map((m) => ({ month: m.month, checks: m.checks, matches: m.matches, notHireable: m.notHireable })),
  wanderingOfficers: stats.wanderingOfficers.map((o) => ({ postId: o.postId, name: o.name, separationsUnderInvestigation: o.separationsUnderInvestigation })),
});
