import { ApiProperty } from '@nestjs/swagger';
import type { CertificationStanding } from '@app/certification';
import type { CreatedOfficer, OfficerEntity, OfficerRecord, OfficerSearchHit } from '@app/officers';

export class OfficerAliasResponse {
  firstName: string;
  lastName: string;
  /** On the record's read: `prior_name` (an earlier name, kept by a name change or a merge) or `nickname`. */
  @ApiProperty({ enum: ['prior_name', 'nickname'], required: false })
  kind?: 'prior_name' | 'nickname';
}

/**
 * Identity as registered. `dateOfBirth`, `ssnLast4` and `email` are restricted: only the commission,
 * employing agencies and, for 12 months after the separation, former employers read them (null otherwise).
 */
export class OfficerIdentityResponse {
  /** Lifelong registry identifier, e.g. `MA-000042`. */
  postId: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  suffix: string | null;
  /** Null when withheld (a former employer more than 12 months after the separation). */
  dateOfBirth: string | null;
  ssnLast4: string | null;
  /** Where the officer's notices are mailed; null when none is on file. */
  email: string | null;
  aliases: OfficerAliasResponse[];
  createdAt: string;
}

export class AgencyRefResponse {
  id: string;
  name: string;
  code: string;
}

export class EmploymentSeparationResponse {
  nature: string;
  reason: string | null;
  /** The officer left while an investigation was pending (555 CMR 12.03). */
  underInvestigation: boolean;
  /** The separating agency's notes: shown to the commission and to that agency only. */
  notes: string | null;
}

export class EmploymentHistoryItemResponse {
  employmentId: string;
  /** The officer disputes this employment (an open dispute; the record stands until the commission resolves it). */
  disputed?: boolean;
  agency: AgencyRefResponse;
  position: string;
  startDate: string;
  endDate: string | null;
  separation: EmploymentSeparationResponse | null;
}

export class CertificationSummaryResponse {
  /** As it reads today: an expired term reads `lapsed` even before the daily job runs. */
  status: string;
  issuedOn: string | null;
  expiresOn: string | null;
  /** The officer disputes the certification record (an open dispute). */
  disputed: boolean;
}

export class OfficerRecordResponse extends OfficerIdentityResponse {
  /** Present when duplicate records were merged into this one: their POST IDs, each of which answers with this record. */
  mergedFrom?: string[];
  /** The officer disputes the identity (an open dispute; the record stands until the commission resolves it). */
  disputed: boolean;
  /** Oldest first. */
  employmentHistory: EmploymentHistoryItemResponse[];
  certification: CertificationSummaryResponse;
}

export class OfficerSearchHitResponse {
  postId: string;
  name: string;
  dateOfBirth: string;
  /** Trigram similarity of the best-matching name (current or alias), 0..1. */
  matchScore: number;
}

export class OfficerSearchResponse {
  /** Best match first; at most 50. */
  items: OfficerSearchHitResponse[];
}

const identity = (
  o: OfficerEntity,
  aliases: { firstName: string; lastName: string; kind?: OfficerAliasResponse['kind'] }[],
  restricted = true,
): OfficerIdentityResponse => ({
  postId: o.postId,
  firstName: o.firstName,
  middleName: o.middleName,
  lastName: o.lastName,
  suffix: o.suffix,
  dateOfBirth: restricted ? o.dateOfBirth : null,
  ssnLast4: restricted ? o.ssnLast4 : null,
  email: restricted ? o.email : null,
  aliases: aliases.map((a) => ({ firstName: a.firstName, lastName: a.lastName, ...(a.kind ? { kind: a.kind } : {}) })),
  createdAt: o.createdAt.toISOString(),
});

/** The creator already holds the restricted values it just sent; echoing them discloses nothing new. */
export const toCreatedOfficerResponse = (created: CreatedOfficer): OfficerIdentityResponse => identity(created.officer, created.aliases);

/** One employment as both the commission's and the officer's own record show it. */
export const toEmploymentHistoryItemResponse = (e: OfficerRecord['employmentHistory'][number]): EmploymentHistoryItemResponse => ({
  employmentId: e.employmentId,
  disputed: e.disputed,
  agency: { id: e.agency.id, name: e.agency.name, code: e.agency.code },
  position: e.position,
  startDate: e.startDate,
  endDate: e.endDate,
  separation: e.separation && {
    nature: e.separation.nature,
    reason: e.separation.reason,
    underInvestigation: e.separation.underInvestigation,
    notes: e.separation.notes,
  },
});

export const toOfficerRecordResponse = (record: OfficerRecord, certification: CertificationStanding): OfficerRecordResponse => ({
  ...identity(record.officer, record.aliases, record.restrictedIdentity),
  disputed: record.disputed.identity,
  employmentHistory: record.employmentHistory.map(toEmploymentHistoryItemResponse),
  certification: {
    status: certification.status,
    issuedOn: certification.issuedOn,
    expiresOn: certification.expiresOn,
    disputed: record.disputed.certification,
  },
  ...(record.mergedFrom.length > 0 ? { mergedFrom: [...record.mergedFrom] } : {}),
});

export const toOfficerSearchResponse = (hits: OfficerSearchHit[]): OfficerSearchResponse => ({
  items: hits.map((h) => ({ postId: h.postId, name: h.name, dateOfBirth: h.dateOfBirth, matchScore: h.matchScore })),
});
