import type { EntityManager } from 'typeorm';
import {
  AdminSuspensionReason,
  CertificationStatus,
  ConditionBasis,
  ConditionStanding,
  conditionStanding,
  notCertifiedState,
  settleCertification,
} from './domain';
import { conditionsOf } from './persistence/certification-condition.store';
import { CertificationEntity } from './persistence/certification.entity';
import { historyOf, toState } from './persistence/certification.store';

/** A condition of a conditional certification (555 CMR 7.04, 9.10), as it stands on the day read. */
export interface CertificationConditionView {
  id: string;
  basis: ConditionBasis;
  description: string;
  /** The effective date of the grant that carried it. */
  imposedOn: string;
  dueOn: string;
  /** `overdue`: open and `dueOn` has passed. */
  status: ConditionStanding;
  satisfiedOn: string | null;
  /** What was accepted as proof: the commission's only (see certificationDetailScope); null otherwise or while open. */
  evidence: string | null;
}

/** What of the certification's detail the reader sees beyond the status (certification.policy.ts). */
export interface CertificationDetailOptions {
  conditionEvidence: boolean;
}

export interface CertificationHistoryView {
  from: CertificationStatus;
  to: CertificationStatus;
  reason: string;
  basis: string;
  /**
   * The commission case that made the change. Its number is discipline's to give (libs/discipline
   * depends on this context, not the reverse): whoever shows the history asks it there.
   */
  caseId: string | null;
  /** The date the change took effect. */
  effectiveOn: string;
  /** When it was recorded (ISO 8601 UTC). */
  at: string;
  /** The import that recorded it (basis `import`), else null. */
  importId: string | null;
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
  /** Every condition ever imposed, earliest due first; empty for a certification granted without any. */
  conditions: CertificationConditionView[];
}

/** The certification as it reads on `today` with its whole history, inside the caller's transaction (after a write: what it wrote). */
export async function loadCertificationView(
  manager: EntityManager,
  officer: { id: string; postId: string },
  today: string,
  options: CertificationDetailOptions = { conditionEvidence: true },
): Promise<CertificationView> {
  const row = await manager.findOneBy(CertificationEntity, { officerId: officer.id });
  const history = await historyOf(manager, officer.id);
  const conditions = await conditionsOf(manager, officer.id);
  const current = settleCertification(row ? toState(row) : notCertifiedState(), today).next;
  return {
    officerId: officer.id,
    postId: officer.postId,
    status: current.status,
    issuedOn: current.issuedOn,
    expiresOn: current.expiresOn,
    firstCertifiedOn: row?.firstCertifiedOn ?? null,
    adminSuspensionReason: current.status === 'admin_suspended' ? current.adminSuspensionReason : null,
    suspensionEndsOn: current.status === 'suspended' ? current.suspensionEndsOn : null,
    history: history.map((h) => ({
      from: h.fromStatus,
      to: h.toStatus,
      reason: h.reason,
      basis: h.basis,
      caseId: h.caseId,
      effectiveOn: h.effectiveOn,
      at: h.recordedAt.toISOString(),
      importId: h.importId,
    })),
    conditions: conditions.map((c) => ({
      id: c.id,
      basis: c.basis,
      description: c.description,
      imposedOn: c.imposedOn,
      dueOn: c.dueOn,
      status: conditionStanding(c, today),
      satisfiedOn: c.satisfiedOn,
      evidence: options.conditionEvidence ? c.evidence : null,
    })),
  };
}
