import type { IsoDate } from '@app/core';

export interface CertificationRow {
  status: string;
  issuedOn: IsoDate | null;
  expiresOn: IsoDate | null;
  statusBeforeSuspension: string | null;
  suspensionEndsOn: IsoDate | null;
}

export interface CertificationSummary {
  status: string;
  issuedOn: IsoDate | null;
  expiresOn: IsoDate | null;
}

/**
 * The status as it reads today, before the daily job has persisted what time did
 * (DOMAIN.md: "reads treat an expired term as lapsed even before the job runs"). This is
 * the reading half of `effectiveStatus` in @app/certification, repeated here because
 * certification depends on officers and not the other way round.
 */
export function certificationSummary(row: CertificationRow | null, today: IsoDate): CertificationSummary {
  if (!row) return { status: 'not_certified', issuedOn: null, expiresOn: null };
  let status = row.status;
  if (status === 'suspended' && row.suspensionEndsOn !== null && row.suspensionEndsOn <= today && row.statusBeforeSuspension) {
    status = row.statusBeforeSuspension;
  }
  // The term ends ON expiresOn: from that day the officer is no longer certified (c. 6E §4(f)(3)).
  if (status === 'certified' && row.expiresOn !== null && row.expiresOn <= today) status = 'lapsed';
  return { status, issuedOn: row.issuedOn, expiresOn: row.expiresOn };
}
