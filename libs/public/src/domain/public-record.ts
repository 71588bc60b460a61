import type { IsoDate } from '@app/core';

/**
 * The public record of one officer (c. 6E §13, 555 CMR 8.06(3); DOMAIN.md "What is
 * public"): name, POST ID, certification status, dates first and most recently
 * certified, every employing agency with dates, and each final suspension, revocation
 * and retraining order. Nothing else exists on these types, so nothing else can leak.
 */
export type PublicCertificationStatus =
  'not_certified' | 'certified' | 'admin_suspended' | 'suspended' | 'revoked' | 'lapsed' | 'inactive' | 'relinquished' | 'under_review';

export type PublicActionType = 'suspension' | 'revocation' | 'retraining';

export interface PublicAgencyPeriod {
  name: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
}

export interface PublicAction {
  type: PublicActionType;
  effectiveOn: IsoDate;
  /** First day a suspension no longer applies; null for revocations and retraining orders. */
  endsOn: IsoDate | null;
  groundCategory: string;
  /** The agency the officer served at when the order took effect, else the last one before it. */
  agency: string | null;
}

export interface PublicOfficerRecord {
  postId: string;
  name: string;
  certificationStatus: PublicCertificationStatus;
  firstCertifiedOn: IsoDate | null;
  lastCertifiedOn: IsoDate | null;
  agencies: PublicAgencyPeriod[];
  publicActions: PublicAction[];
  /** Present when records were merged into this one: their POST IDs, each answering with this record. */
  mergedFrom?: string[];
}

/** What the certification context says about the officer today (effective status: an expired term reads lapsed). */
export interface CertificationFacts {
  status: Exclude<PublicCertificationStatus, 'under_review'>;
  firstCertifiedOn: IsoDate | null;
  /** First day of the current (or last) term; after an early renewal, of the term to come. */
  issuedOn: IsoDate | null;
  /** The day of that early renewal, while its term has not begun (null otherwise). */
  renewedOn: IsoDate | null;
}

/** What the discipline context says: final orders only, and whether a decision awaits finality. */
export interface DisciplineFacts {
  finalActions: { type: PublicActionType; effectiveOn: IsoDate; endsOn: IsoDate | null; groundCategory: string }[];
  pendingDecision: boolean;
}

/**
 * 555 CMR 8.06(3): the status reads "under review" while a decided action can still be
 * challenged. A final revocation stands whatever else is pending: decertification is
 * permanent (c. 6E §10), so a later case cannot make the public record read softer.
 * An interim suspension is the certification's own `suspended`, shown without grounds.
 */
export function publicCertificationStatus(certification: Pick<CertificationFacts, 'status'>, discipline: DisciplineFacts): PublicCertificationStatus {
  const finallyRevoked = discipline.finalActions.some((action) => action.type === 'revocation');
  if (discipline.pendingDecision && !finallyRevoked) return 'under_review';
  return certification.status;
}

/**
 * The agency named on an order (§13(a): "last appointing agency"): the employment running
 * on the effective date (the most recent start if several), else the last one that began
 * before it, else none.
 */
export function agencyAt(agencies: readonly PublicAgencyPeriod[], on: IsoDate): string | null {
  const started = agencies.filter((period) => period.startDate <= on);
  const running = started.filter((period) => period.endDate === null || period.endDate > on);
  const pick = (periods: PublicAgencyPeriod[]) =>
    periods.reduce<PublicAgencyPeriod | null>((best, period) => (best === null || period.startDate >= best.startDate ? period : best), null);
  return (pick(running) ?? pick(started))?.name ?? null;
}

export function buildPublicOfficerRecord(input: {
  postId: string;
  name: string;
  certification: CertificationFacts;
  discipline: DisciplineFacts;
  /** Every employment, any order. */
  agencies: readonly PublicAgencyPeriod[];
}): PublicOfficerRecord {
  const agencies = [...input.agencies]
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || (a.endDate ?? '9999-12-31').localeCompare(b.endDate ?? '9999-12-31'))
    .map(({ name, startDate, endDate }) => ({ name, startDate, endDate }));
  const publicActions = [...input.discipline.finalActions]
    .sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn))
    .map(({ type, effectiveOn, endsOn, groundCategory }) => ({ type, effectiveOn, endsOn, groundCategory, agency: agencyAt(agencies, effectiveOn) }));
  const everCertified = input.certification.firstCertifiedOn !== null;
  return {
    postId: input.postId,
    name: input.name,
    certificationStatus: publicCertificationStatus(input.certification, input.discipline),
    firstCertifiedOn: input.certification.firstCertifiedOn,
    // "Most recently certified": the current term's first day, or the renewal that granted a term still to come; never a future date.
    lastCertifiedOn: everCertified ? (input.certification.renewedOn ?? input.certification.issuedOn ?? input.certification.firstCertifiedOn) : null,
    agencies,
    publicActions,
  };
}
