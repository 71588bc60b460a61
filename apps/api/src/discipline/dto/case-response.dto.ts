import { ApiProperty } from '@nestjs/swagger';
import { CaseAction, CaseOutcome, CaseStatus, CaseTimelineEntry, CaseView, ReportingAgencyCaseView } from '@app/discipline';

export class CaseGroundResponse {
  code: string;
  mandatory: boolean;
  /** `clear_and_convincing` for every mandatory ground (c. 6E §10(a)). */
  standardOfProof: string;
}

/** c. 6E §9 interim suspension. */
export class InterimSuspensionResponse {
  trigger: string;
  reason: string;
  suspendedOn: string;
  hearingRequestedOn: string | null;
  /** The officer asked for the hearing sooner than 5 days after the suspension. */
  earlierHearingRequested: boolean;
  hearingWaived: boolean;
  hearingHeldOn: string | null;
  outcome: string | null;
  endedOn: string | null;
  /** `lifted`, `decision` or `dismissal`. */
  endedBy: string | null;
}

export class NoticeResponse {
  issuedOn: string;
  proposedSanction: string;
  responseDueOn: string;
}

export class OfficerResponseResponse {
  recordedOn: string;
  hearingRequested: boolean;
  waivesHearing: boolean;
}

export class HearingResponse {
  hearingOn: string;
  heldOn: string | null;
}

export class DecisionResponse {
  sanction: string;
  findings: { ground: string; sustained: boolean }[];
  /** Derived: the strictest standard among the sustained grounds. */
  standardOfProof: string;
  suspensionDays: number | null;
  decidedOn: string;
}

export class AppealResponse {
  filedOn: string;
  forum: string;
  stayed: boolean;
  outcome: string | null;
  resolvedOn: string | null;
}

export class CaseTimelineEntryResponse {
  version: number;
  action: CaseAction | 'open';
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  /** The action's payload as sent. */
  payload: Record<string, unknown>;
  /** What the action did to the certification, e.g. `[{type: "suspend", from: "certified", to: "suspended"}]`. */
  certificationChanges: { type: string; from: string; to: string }[];
  occurredOn: string;
  /** Who acted; `role` is the role the step was taken in (`commission_investigator`, `commission_adjudicator`, `officer`), null on entries recorded before it was kept. */
  actor: { kind: string; id: string; organizationId: string | null; role: string | null };
  recordedAt: string;
}

export class CaseFinalizationResponse {
  finalizedOn: string;
  appealWaived: boolean;
}

export class CaseDismissalResponse {
  dismissedOn: string;
  reason: string;
}

export class InterimHearingDeadlinesResponse {
  /** Last day the officer may ask for a hearing. */
  requestBy: string;
  /** First day a hearing may be held unless the officer asked for an earlier one. */
  earliestHearingOn: string;
  /** Last day a requested hearing may be held. */
  holdBy: string;
}

/** The commission's view: the whole case; `timeline` on the single read and after an action. */
export class CaseResponse {
  view: 'commission';
  id: string;
  caseNumber: string;
  postId: string;
  officerName: string;
  status: CaseStatus;
  version: number;
  summary: string;
  reportIds: string[];
  grounds: CaseGroundResponse[];
  // Declared, not inferred: the plugin drops `| null` from inline object types, and a client
  // generated from the document must accept null for each stage the case has not reached.
  @ApiProperty({ type: () => InterimSuspensionResponse, nullable: true })
  interimSuspension: InterimSuspensionResponse | null;
  @ApiProperty({ type: () => NoticeResponse, nullable: true })
  notice: NoticeResponse | null;
  @ApiProperty({ type: () => OfficerResponseResponse, nullable: true })
  response: OfficerResponseResponse | null;
  @ApiProperty({ type: () => HearingResponse, nullable: true })
  hearing: HearingResponse | null;
  @ApiProperty({ type: () => DecisionResponse, nullable: true })
  decision: DecisionResponse | null;
  @ApiProperty({ type: () => AppealResponse, nullable: true })
  appeal: AppealResponse | null;
  @ApiProperty({ type: () => CaseFinalizationResponse, nullable: true })
  finalization: CaseFinalizationResponse | null;
  @ApiProperty({ type: () => CaseDismissalResponse, nullable: true })
  dismissal: CaseDismissalResponse | null;
  allowedActions: CaseAction[];
  /** c. 6E §9: a requested interim hearing not held within INTERIM_HEARING_MAX_DAYS of the suspension. */
  interimHearingOverdue: boolean;
  @ApiProperty({ type: () => InterimHearingDeadlinesResponse, nullable: true })
  interimHearingDeadlines: InterimHearingDeadlinesResponse | null;
  /** c. 30A §14(1): last day to seek review of the decision. */
  appealWindowEndsOn: string | null;
  openedAt: string;
  updatedAt: string;
  timeline?: CaseTimelineEntryResponse[];
}

/** A reporting agency's view: status and outcome, nothing internal (no grounds, findings, payloads or notes). */
export class ReportingAgencyCaseResponse {
  view: 'reporting_agency';
  id: string;
  caseNumber: string;
  postId: string;
  status: CaseStatus;
  openedAt: string;
  outcome: CaseOutcome | null;
}

export class CasePage {
  items: CaseResponse[];
  nextCursor: string | null;
}

const toTimelineEntryResponse = (e: CaseTimelineEntry): CaseTimelineEntryResponse => ({
  version: e.version,
  action: e.action,
  fromStatus: e.fromStatus,
  toStatus: e.toStatus,
  payload: e.payload,
  certificationChanges: e.certificationChanges.map(({ type, from, to }) => ({ type, from, to })),
  occurredOn: e.occurredOn,
  actor: { kind: e.actor.kind, id: e.actor.id, organizationId: e.actor.organizationId, role: e.actor.role },
  recordedAt: e.recordedAt,
});

export const toCaseResponse = (c: CaseView): CaseResponse => ({
  view: 'commission',
  id: c.id,
  caseNumber: c.caseNumber,
  postId: c.postId,
  officerName: c.officerName,
  status: c.status,
  version: c.version,
  summary: c.summary,
  reportIds: c.reportIds,
  grounds: c.grounds.map(({ code, mandatory, standardOfProof }) => ({ code, mandatory, standardOfProof })),
  interimSuspension: c.interimSuspension && {
    trigger: c.interimSuspension.trigger,
    reason: c.interimSuspension.reason,
    suspendedOn: c.interimSuspension.suspendedOn,
    hearingRequestedOn: c.interimSuspension.hearingRequestedOn,
    earlierHearingRequested: c.interimSuspension.earlierHearingRequested ?? false,
    hearingWaived: c.interimSuspension.hearingWaived,
    hearingHeldOn: c.interimSuspension.hearingHeldOn,
    outcome: c.interimSuspension.outcome,
    endedOn: c.interimSuspension.endedOn,
    endedBy: c.interimSuspension.endedBy,
  },
  notice: c.notice && { issuedOn: c.notice.issuedOn, proposedSanction: c.notice.proposedSanction, responseDueOn: c.notice.responseDueOn },
  response: c.response && { recordedOn: c.response.recordedOn, hearingRequested: c.response.hearingRequested, waivesHearing: c.response.waivesHearing },
  hearing: c.hearing && { hearingOn: c.hearing.hearingOn, heldOn: c.hearing.heldOn },
  decision: c.decision && {
    sanction: c.decision.sanction,
    findings: c.decision.findings.map(({ ground, sustained }) => ({ ground, sustained })),
    standardOfProof: c.decision.standardOfProof,
    suspensionDays: c.decision.suspensionDays,
    decidedOn: c.decision.decidedOn,
  },
  appeal: c.appeal && { filedOn: c.appeal.filedOn, forum: c.appeal.forum, stayed: c.appeal.stayed, outcome: c.appeal.outcome, resolvedOn: c.appeal.resolvedOn },
  finalization: c.finalization && { finalizedOn: c.finalization.finalizedOn, appealWaived: c.finalization.appealWaived },
  dismissal: c.dismissal && { dismissedOn: c.dismissal.dismissedOn, reason: c.dismissal.reason },
  allowedActions: c.allowedActions,
  interimHearingOverdue: c.interimHearingOverdue,
  interimHearingDeadlines: c.interimHearingDeadlines,
  appealWindowEndsOn: c.appealWindowEndsOn,
  openedAt: c.openedAt,
  updatedAt: c.updatedAt,
  ...(c.timeline ? { timeline: c.timeline.map(toTimelineEntryResponse) } : {}),
});

export const toReportingAgencyCaseResponse = (c: ReportingAgencyCaseView): ReportingAgencyCaseResponse => ({
  view: 'reporting_agency',
  id: c.id,
  caseNumber: c.caseNumber,
  postId: c.postId,
  status: c.status,
  openedAt: c.openedAt,
  outcome: c.outcome && { ...c.outcome },
});

export const toCaseReadResponse = (c: CaseView | ReportingAgencyCaseView): CaseResponse | ReportingAgencyCaseResponse =>
  c.view === 'commission' ? toCaseResponse(c) : toReportingAgencyCaseResponse(c);
