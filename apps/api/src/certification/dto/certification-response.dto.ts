import { ADMIN_SUSPENSION_REASONS, CERTIFICATION_STATUSES } from '@app/certification';
import type { AdminSuspensionReason } from '@app/certification';
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
  /** The commission case that made the change, if any. */
  caseId: string | null;
  /** The case's number, once the discipline context resolves it. */
  caseNumber?: string;
  /** The date the change took effect. */
  effectiveOn: string;
  /** When the change was recorded (ISO 8601 UTC). */
  at: string;
  /** The import that recorded the change (`basis: "import"`); absent otherwise. */
  importId?: string;
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
    caseId: h.caseId,
    ...(caseNumber !== undefined ? { caseNumber } : {}),
    effectiveOn: h.effectiveOn,
    at: h.at,
    ...(h.importId !== null ? { importId: h.importId } : {}),
  };
};

export const toCertificationResponse = (view: CertificationView, caseNumbers: ReadonlyMap<string, string>): CertificationResponse => ({
  postId: view.postId,
  status: view.status,
  issuedOn: view.issuedOn,
  expiresOn: view.expiresOn,
  firstCertifiedOn: view.firstCertifiedOn,
  adminSuspensionReason: view.adminSuspensionReason,
  suspensionEndsOn: view.suspensionEndsOn,
  history: view.history.map((h) => toHistoryItem(h, caseNumbers)),
});

export const toCertifiedResponse = (
  view: CertificationView & { warnings: readonly string[] },
  caseNumbers: ReadonlyMap<string, string>,
): CertifiedResponse => ({
  ...toCertificationResponse(view, caseNumbers),
  warnings: [...view.warnings],
});
