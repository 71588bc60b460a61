import { ADMIN_SUSPENSION_REASONS, CERTIFICATION_STATUSES, CONDITION_BASES } from '@app/certification';
import type { AdminSuspensionReason, CertificationConditionView, ConditionBasis, ConditionStanding } from '@app/certification';
import type { CertificationHistoryView, CertificationView } from '@app/certification';
import { ApiProperty } from '@nestjs/swagger';

type Status = (typeof CERTIFICATION_STATUSES)[number];

export class CertificationHistoryItemResponse {
  @ApiProperty({ enum: CERTIFICATION_STATUSES })
  from: Status;
  @ApiProperty({ enum: CERTIFICATION_STATUSES })
  to: Status;
  /** Stable code (`initial_certification`, `renewal`, `term_expired`, …) or the stated reason. */
  reason: string;
  /** Legal basis, e.g. `M.G.L. c. 6E §4(f)(3)`. */
  basis: string;
  /** The commission case that made the change; null too when the reader may not see it named (an agency, before the decision). */
  caseId: string | null;
  /** The case's number, where the reader may see it named. */
  caseNumber?: string;
  /** The date the change took effect. */
  effectiveOn: string;
  /** When the change was recorded (ISO 8601 UTC). */
  at: string;
  /** The import that recorded the change (`basis: "import"`); absent otherwise. */
  importId?: string;
}

export class CertificationConditionResponse {
  id: string;
  @ApiProperty({ enum: CONDITION_BASES })
  basis: ConditionBasis;
  description: string;
  /** The effective date of the certification that carried it. */
  imposedOn: string;
  dueOn: string;
  /** `overdue`: not satisfied and `dueOn` has passed; `superseded`: a later certification judged the officer afresh. */
  @ApiProperty({ enum: ['open', 'overdue', 'satisfied', 'superseded'] })
  status: ConditionStanding;
  satisfiedOn: string | null;
  /** The evidence accepted; shown to the commission only (absent otherwise). */
  evidence?: string;
}

export class CertificationResponse {
  postId: string;
  /** As of today: a certification whose term ended reads `lapsed` even before the daily job records it. */
  @ApiProperty({ enum: CERTIFICATION_STATUSES })
  status: Status;
  /** First day of the current term. */
  issuedOn: string | null;
  /** The term ends on this date (the officer is no longer certified on it). */
  expiresOn: string | null;
  firstCertifiedOn: string | null;
  @ApiProperty({ enum: ADMIN_SUSPENSION_REASONS, nullable: true })
  adminSuspensionReason: AdminSuspensionReason | null;
  /** While suspended: the first day no longer suspended; null while an interim suspension runs until lifted. */
  suspensionEndsOn: string | null;
  /** Every recorded change, oldest first. */
  history: CertificationHistoryItemResponse[];
  /** The conditions of a conditional certification (555 CMR 7.04, 9.10), earliest due first; empty when granted without any. */
  conditions: CertificationConditionResponse[];
}

export class CertifiedResponse extends CertificationResponse {
  /** Non-blocking findings the adjudicator must see, e.g. `previously_relinquished`. */
  warnings: string[];
}

/** The ids of the cases a certification's history names, to ask discipline for their numbers. */
export const caseIdsIn = (view: CertificationView): string[] => view.history.flatMap((h) => (h.caseId !== null ? [h.caseId] : []));

const toHistoryItem = (h: CertificationHistoryView, caseNumbers: ReadonlyMap<string, string>): CertificationHistoryItemResponse => {
  const caseNumber = h.caseId !== null ? caseNumbers.get(h.caseId) : undefined;
  return {
    from: h.from,
    to: h.to,
    reason: h.reason,
    basis: h.basis,
    // `caseNumbers` holds the cases the reader may see named (discipline's caseReferenceDisclosed).
    caseId: caseNumber !== undefined ? h.caseId : null,
    ...(caseNumber !== undefined ? { caseNumber } : {}),
    effectiveOn: h.effectiveOn,
    at: h.at,
    ...(h.importId !== null ? { importId: h.importId } : {}),
  };
};

const toConditionItem = (c: CertificationConditionView): CertificationConditionResponse => ({
  id: c.id,
  basis: c.basis,
  description: c.description,
  imposedOn: c.imposedOn,
  dueOn: c.dueOn,
  status: c.status,
  satisfiedOn: c.satisfiedOn,
  ...(c.evidence !== null ? { evidence: c.evidence } : {}),
});

export const toCertificationResponse = (view: CertificationView, caseNumbers: ReadonlyMap<string, string>): CertificationResponse => ({
  postId: view.postId,
  status: view.status,
  issuedOn: view.issuedOn,
  expiresOn: view.expiresOn,
  firstCertifiedOn: view.firstCertifiedOn,
  adminSuspensionReason: view.adminSuspensionReason,
  suspensionEndsOn: view.suspensionEndsOn,
  history: view.history.map((h) => toHistoryItem(h, caseNumbers)),
  conditions: view.conditions.map(toConditionItem),
});

export const toCertifiedResponse = (
  view: CertificationView & { warnings: readonly string[] },
  caseNumbers: ReadonlyMap<string, string>,
): CertifiedResponse => ({
  ...toCertificationResponse(view, caseNumbers),
  warnings: [...view.warnings],
});
