import type { EntityManager } from 'typeorm';
import { AdminSuspensionReason, CertificationStatus, notCertifiedState, settleCertification } from './domain';
import type { CertificationHistoryEntity } from './persistence/certification-history.entity';
import type { CertificationEntity } from './persistence/certification.entity';
import { toState } from './persistence/certification.store';

/**
 * Resolves case ids to case numbers. libs/discipline depends on this context, not the
 * reverse, so it registers one (CertificationService.registerCaseNumberResolver) when it
 * has cases; until then history rows carry only `caseId`.
 */
export type CaseNumberResolver = (manager: EntityManager, caseIds: readonly string[]) => Promise<Map<string, string>>;

export interface CertificationHistoryView {
  from: CertificationStatus;
  to: CertificationStatus;
  reason: string;
  basis: string;
  caseId: string | null;
  caseNumber?: string;
  /** The date the change took effect. */
  effectiveOn: string;
  /** When it was recorded (ISO 8601 UTC). */
  at: string;
}

export interface CertificationView {
  officerId: string;
  postId: string;
  /** Effective on today: an expired term reads `lapsed` even before the settlement job recorded it. */
  status: CertificationStatus;
  issuedOn: string | null;
  expiresOn: string | null;
  firstCertifiedOn: string | null;
  adminSuspensionReason: AdminSuspensionReason | null;
  /** While suspended: the first day no longer suspended; null = interim, until lifted. */
  suspensionEndsOn: string | null;
  /** Recorded changes, oldest first. */
  history: CertificationHistoryView[];
}

export async function buildCertificationView(
  manager: EntityManager,
  officer: { id: string; postId: string },
  row: CertificationEntity | null,
  history: readonly CertificationHistoryEntity[],
  today: string,
  resolveCaseNumbers: CaseNumberResolver | null,
): Promise<CertificationView> {
  const current = settleCertification(row ? toState(row) : notCertifiedState(), today).next;
  const caseIds = [...new Set(history.map((h) => h.caseId).filter((id): id is string => id !== null))];
  const caseNumbers = resolveCaseNumbers && caseIds.length > 0 ? await resolveCaseNumbers(manager, caseIds) : new Map<string, string>();
  return {
    officerId: officer.id,
    postId: officer.postId,
    status: current.status,
    issuedOn: current.issuedOn,
    expiresOn: current.expiresOn,
    firstCertifiedOn: row?.firstCertifiedOn ?? null,
    adminSuspensionReason: current.status === 'admin_suspended' ? current.adminSuspensionReason : null,
    suspensionEndsOn: current.status === 'suspended' ? current.suspensionEndsOn : null,
    history: history.map((h) => {
      const caseNumber = h.caseId ? caseNumbers.get(h.caseId) : undefined;
      return {
        from: h.fromStatus,
        to: h.toStatus,
        reason: h.reason,
        basis: h.basis,
        caseId: h.caseId,
        ...(caseNumber ? { caseNumber } : {}),
        effectiveOn: h.effectiveOn,
        at: h.recordedAt.toISOString(),
      };
    }),
  };
}
