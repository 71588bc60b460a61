import type { OfficerCaseView } from '@app/discipline';
import type { OwnRecord } from '@app/officer-portal';
import { OmitType } from '@nestjs/swagger';
import { CertificationResponse, toCertificationResponse } from '../../certification/dto/certification-response.dto';
import { CaseResponse, CaseTimelineEntryResponse, toCaseResponse } from '../../discipline/dto/case-response.dto';
import { MisconductReportResponse, toMisconductReportResponse } from '../../discipline/dto/misconduct-report.dto';
import { OfficerNoticeResponse, toNoticeResponse } from '../../notifications/dto/notice.dto';
import {
  EmploymentHistoryItemResponse,
  OfficerIdentityResponse,
  toCreatedOfficerResponse,
  toEmploymentHistoryItemResponse,
} from '../../officers/dto/officer-response.dto';
import { OfficerTrainingItem, toOfficerTrainingItem } from '../../training/dto/training-completion.dto';
import { DisputeResponse, toDisputeResponse } from './disputes.dto';

export class OfficerCaseTimelineEntryResponse extends OmitType(CaseTimelineEntryResponse, ['actor'] as const) {
  /**
   * Who acted: the commission, an agency, or the officer (`organizationId` null); never which staff
   * member. `role`: the role the step was taken in (e.g. `commission_adjudicator`), null on entries recorded before it was kept.
   */
  actor: { kind: string; organizationId: string | null; role: string | null };
}

/** The officer's own case: as the commission reads it, without its next steps or staff ids, with the notices about it. */
export class OfficerCaseResponse extends OmitType(CaseResponse, ['view', 'allowedActions', 'timeline'] as const) {
  view: 'officer';
  /** The officer may still answer the notice (`POST /me/cases/:id/response`). */
  responseOpen: boolean;
  timeline: OfficerCaseTimelineEntryResponse[];
  notices: OfficerNoticeResponse[];
}

export class HiringCheckAgencyResponse {
  name: string;
  code: string;
}

export class HiringCheckAboutMeResponse {
  checkedAt: string;
  agency: HiringCheckAgencyResponse;
}

/** `GET /me/record`: everything the registry holds about the officer. */
export class OwnRecordResponse {
  /** With the date of birth and the other restricted fields: they are the officer's own. */
  identity: OfficerIdentityResponse;
  certification: CertificationResponse;
  /** Oldest first. */
  training: OfficerTrainingItem[];
  /** Oldest first. */
  employment: EmploymentHistoryItemResponse[];
  /** The agencies' reports about the officer, their text and finding; newest first. */
  misconductReports: MisconductReportResponse[];
  cases: OfficerCaseResponse[];
  /** Newest first. */
  notices: OfficerNoticeResponse[];
  disputes: DisputeResponse[];
  /** The hiring checks whose answer named the officer, newest first. */
  hiringChecks: HiringCheckAboutMeResponse[];
}

export const toOfficerCaseResponse = (c: OfficerCaseView, notices: OfficerNoticeResponse[] = []): OfficerCaseResponse => {
  const {
    view: _view,
    allowedActions: _allowed,
    timeline: _timeline,
    ...rest
  } = toCaseResponse({ ...c, view: 'commission', allowedActions: [], timeline: undefined });
  return {
    ...rest,
    view: 'officer',
    responseOpen: c.responseOpen,
    timeline: c.timeline.map((e) => ({
      version: e.version,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      payload: e.payload,
      certificationChanges: e.certificationChanges.map(({ type, from, to }) => ({ type, from, to })),
      occurredOn: e.occurredOn,
      actor: { kind: e.actor.kind, organizationId: e.actor.organizationId, role: e.actor.role },
      recordedAt: e.recordedAt,
    })),
    notices,
  };
};

export const toOwnRecordResponse = (own: OwnRecord): OwnRecordResponse => ({
  identity: toCreatedOfficerResponse({ officer: own.record.officer, aliases: own.record.aliases }),
  certification: toCertificationResponse(own.certification, own.caseNumbers),
  training: own.training.map(toOfficerTrainingItem),
  employment: own.record.employmentHistory.map(toEmploymentHistoryItemResponse),
  misconductReports: own.reports.map(toMisconductReportResponse),
  cases: own.cases.map((c) => toOfficerCaseResponse(c, c.notices.map(toNoticeResponse))),
  notices: own.notices.map(toNoticeResponse),
  disputes: own.disputes.map(toDisputeResponse),
  hiringChecks: own.hiringChecks.map((h) => ({ checkedAt: h.checkedAt.toISOString(), agency: { name: h.agency.name, code: h.agency.code } })),
});
