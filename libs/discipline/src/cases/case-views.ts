import {
  actionsAllowedIn,
  appealWindowEndsOn,
  CaseAction,
  CaseClockConfig,
  CaseState,
  CaseStatus,
  interimHearingDeadlines,
  interimHearingOverdue,
  Sanction,
} from '../domain';
import type { CaseEntity } from '../persistence/case.entity';
import { caseStateOf } from '../persistence/case.entity';
import type { CaseEventEntity, CertificationChange } from '../persistence/case-event.entity';

export interface CaseTimelineEntry {
  version: number;
  action: CaseAction | 'open';
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  payload: Record<string, unknown>;
  certificationChanges: CertificationChange[];
  occurredOn: string;
  /** `role`: the role the step was taken in (commission_investigator, commission_adjudicator, officer); null before it was kept. */
  actor: { kind: string; id: string; organizationId: string | null; role: string | null };
  recordedAt: string;
}

/** The commission's view of a case: its whole state, derived deadlines and, on a single read, the timeline. */
export interface CaseView extends Omit<CaseState, 'status' | 'version'> {
  view: 'commission';
  id: string;
  caseNumber: string;
  postId: string;
  officerName: string;
  status: CaseStatus;
  version: number;
  summary: string;
  reportIds: string[];
  allowedActions: CaseAction[];
  /** c. 6E §9: a requested interim hearing not held within INTERIM_HEARING_MAX_DAYS. */
  interimHearingOverdue: boolean;
  interimHearingDeadlines: { requestBy: string; earliestHearingOn: string; holdBy: string } | null;
  /** c. 30A §14(1): the last day to seek review of the decision. */
  appealWindowEndsOn: string | null;
  openedAt: string;
  updatedAt: string;
  timeline?: CaseTimelineEntry[];
}

/** What a reporting agency may know of a case it reported into: where it stands and how it ended. */
export interface ReportingAgencyCaseView {
  view: 'reporting_agency';
  id: string;
  caseNumber: string;
  postId: string;
  status: CaseStatus;
  openedAt: string;
  outcome: CaseOutcome | null;
}

export interface CaseOutcome {
  sanction: Sanction | null;
  suspensionDays: number | null;
  decidedOn: string | null;
  appealOutcome: 'upheld' | 'reversed' | null;
  finalizedOn: string | null;
  dismissedOn: string | null;
}

export interface CaseRow {
  entity: CaseEntity;
  postId: string;
  officerName: string;
  reportIds: string[];
}

export function toCaseView(row: CaseRow, today: string, clocks: CaseClockConfig, events?: CaseEventEntity[]): CaseView {
  const state = caseStateOf(row.entity);
  const { status: _status, version: _version, ...stateFields } = state;
  return {
    view: 'commission',
    id: row.entity.id,
    caseNumber: row.entity.caseNumber,
    postId: row.postId,
    officerName: row.officerName,
    status: state.status,
    version: state.version,
    summary: row.entity.summary,
    reportIds: row.reportIds,
    ...stateFields,
    allowedActions: actionsAllowedIn(state.status),
    interimHearingOverdue: interimHearingOverdue(state, today, clocks),
    interimHearingDeadlines: state.interimSuspension ? interimHearingDeadlines(state.interimSuspension, clocks) : null,
    appealWindowEndsOn: state.decision ? appealWindowEndsOn(state.decision.decidedOn, clocks) : null,
    openedAt: row.entity.openedAt.toISOString(),
    updatedAt: row.entity.updatedAt.toISOString(),
    ...(events ? { timeline: events.map(toTimelineEntry) } : {}),
  };
}

/** Status and outcome only: no grounds, findings, reasoning, payloads or notes (internal to the commission). */
export function toReportingAgencyView(row: CaseRow): ReportingAgencyCaseView {
  const state = caseStateOf(row.entity);
  const decided = state.decision;
  const ended = decided !== null || state.dismissal !== null;
  return {
    view: 'reporting_agency',
    id: row.entity.id,
    caseNumber: row.entity.caseNumber,
    postId: row.postId,
    status: state.status,
    openedAt: row.entity.openedAt.toISOString(),
    outcome: ended
      ? {
          sanction: decided?.sanction ?? null,
          suspensionDays: decided?.suspensionDays ?? null,
          decidedOn: decided?.decidedOn ?? null,
          appealOutcome: state.appeal?.outcome ?? null,
          finalizedOn: state.finalization?.finalizedOn ?? (state.appeal?.outcome === 'upheld' ? state.appeal.resolvedOn : null),
          dismissedOn: state.dismissal?.dismissedOn ?? null,
        }
      : null,
  };
}

function toTimelineEntry(event: CaseEventEntity): CaseTimelineEntry {
  return {
    version: event.version,
    action: event.action as CaseAction | 'open',
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    payload: event.payload,
    certificationChanges: event.certificationChanges,
    occurredOn: event.occurredOn,
    actor: { kind: event.actorKind, id: event.actorId, organizationId: event.actorOrganizationId, role: event.actorRole },
    recordedAt: event.recordedAt.toISOString(),
  };
}

/**
 * What the officer reads of their own case (API.md `GET /me/record`): the whole case, as the
 * commission reads it, with its timeline, but not the commission's next steps nor which staff
 * member took each one; `responseOpen` says whether the officer may still answer the notice.
 */
export interface OfficerCaseView extends Omit<CaseView, 'view' | 'allowedActions' | 'timeline'> {
  view: 'officer';
  responseOpen: boolean;
  timeline: (Omit<CaseTimelineEntry, 'actor'> & { actor: { kind: string; organizationId: string | null; role: string | null } })[];
}

export function toOfficerCaseView(row: CaseRow, today: string, clocks: CaseClockConfig, events: CaseEventEntity[]): OfficerCaseView {
  const { view: _view, allowedActions: _allowed, timeline, ...rest } = toCaseView(row, today, clocks, events);
  const state = caseStateOf(row.entity);
  return {
    ...rest,
    view: 'officer',
    responseOpen: state.status === 'notice_issued' && state.response === null && state.notice !== null && today <= state.notice.responseDueOn,
    timeline: (timeline ?? []).map(({ actor, ...entry }) => ({
      ...entry,
      actor: { kind: actor.kind, organizationId: actor.organizationId, role: actor.role },
    })),
  };
}
