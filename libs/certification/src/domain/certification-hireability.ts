import type { IsoDate } from '@app/core';
import { settleCertification } from './certification-settlement';
import type { CertificationState, CertificationStatus } from './certification-status';

export type HireabilityReasonCode = Exclude<CertificationStatus, 'certified'>;

export interface HireabilityReason {
  code: HireabilityReasonCode;
  /** The day the officer entered this status. */
  since?: string;
  /** `suspended` only: the first day no longer suspended; null = interim, until lifted. */
  endsOn?: string | null;
  /** `revoked` and `suspended`: the case that imposed it. */
  caseId?: string | null;
}

/** DOMAIN.md "Hiring checks": the certification's part of the answer. */
export interface HireabilityVerdict {
  /** The effective status: an expired term reads `lapsed` before any job recorded it. */
  status: CertificationStatus;
  hireable: boolean;
  issuedOn: string | null;
  expiresOn: string | null;
  firstCertifiedOn: string | null;
  reasons: HireabilityReason[];
  /** A relinquishment was ever accepted (the current status included): a warning, never a bar. */
  previouslyRelinquished: boolean;
}

/** What the history tells beyond the state row. */
export interface HireabilityFacts {
  firstCertifiedOn: IsoDate | null;
  /** Effective date of the recorded change into the recorded status; null when none. */
  statusSince: IsoDate | null;
  everRelinquished: boolean;
}

/**
 * Hireable means `certified` with the term running; everything else is not, with the
 * reason (c. 6E §4(d): no agency may employ anyone without a current certification, nor
 * anyone decertified, §11). Pure: judged on `today` with what time already did applied.
 */
export function hireabilityVerdict(state: CertificationState, facts: HireabilityFacts, today: IsoDate): HireabilityVerdict {
  const settled = settleCertification(state, today);
  const current = settled.next;
  const lastSettled = settled.history[settled.history.length - 1];
  const since = lastSettled?.effectiveOn ?? facts.statusSince;
  const dated = (on: IsoDate | null | undefined) => (on ? { since: on } : {});
  const reasons: HireabilityReason[] = [];

  switch (current.status) {
    case 'certified':
      break;
    case 'not_certified':
      reasons.push({ code: 'not_certified' });
      break;
    case 'revoked':
      reasons.push({ code: 'revoked', ...dated(since), caseId: current.revocationCaseId });
      break;
    case 'suspended':
      reasons.push({ code: 'suspended', ...dated(since), endsOn: current.suspensionEndsOn, caseId: current.suspensionCaseId });
      break;
    case 'lapsed':
      // The term ended on its expiry date, whatever recorded it later.
      reasons.push({ code: 'lapsed', ...dated(current.expiresOn ?? since) });
      break;
    default:
      reasons.push({ code: current.status, ...dated(since) });
  }

  return {
    status: current.status,
    hireable: reasons.length === 0,
    issuedOn: current.issuedOn,
    expiresOn: current.expiresOn,
    firstCertifiedOn: facts.firstCertifiedOn,
    reasons,
    previouslyRelinquished: facts.everRelinquished || current.status === 'relinquished',
  };
}
