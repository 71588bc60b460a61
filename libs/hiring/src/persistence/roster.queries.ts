import type { EntityManager } from 'typeorm';
import { effectiveStatusSql } from '@app/certification';
import type { CertificationStatus } from '@app/certification';
import type { IsoDate } from '@app/core';
import { revokedInOtherJurisdictionSql } from '@app/discipline';

export interface RosterFilter {
  status?: CertificationStatus;
  /** Certified officers whose term ends within this many days of today. */
  expiringWithinDays?: number;
}

export interface RosterRow {
  postId: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  suffix: string | null;
  position: string;
  startDate: IsoDate;
  certificationStatus: CertificationStatus;
  expiresOn: IsoDate | null;
  hireable: boolean;
}

interface Row {
  post_id: string;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  suffix: string | null;
  position: string;
  start_date: IsoDate;
  status: CertificationStatus;
  expires_on: IsoDate | null;
  revoked_elsewhere: boolean;
}

// The status is the effective one (an ended term reads lapsed before the settlement job records
// it), computed in SQL so that the filter and the keyset apply to what the reader sees.
const ROSTER_SQL = `
  SELECT o.post_id, o.first_name, o.middle_name, o.last_name, o.suffix, e.position,
         to_char(e.start_date, 'YYYY-MM-DD') AS start_date, s.status, to_char(c.expires_on, 'YYYY-MM-DD') AS expires_on,
         ${revokedInOtherJurisdictionSql('o.id')} AS revoked_elsewhere
    FROM employment e
    JOIN officer o ON o.id = e.officer_id
    LEFT JOIN certification c ON c.officer_id = e.officer_id
    CROSS JOIN LATERAL (SELECT ${effectiveStatusSql('c', '$2::date')}::text AS status) s
   WHERE e.agency_id = $1 AND e.end_date IS NULL
     AND ($3::text IS NULL OR s.status = $3::text)
     AND ($4::int IS NULL OR (s.status = 'certified' AND c.expires_on <= $2::date + $4::int))
     AND ($5::text IS NULL OR o.post_id > $5::text)
   ORDER BY o.post_id
   LIMIT $6`;

/** The agency's current employees (open employments), by POST ID, after `afterPostId`. */
export async function rosterRows(
  manager: EntityManager,
  agencyId: string,
  today: IsoDate,
  filter: RosterFilter,
  page: { afterPostId?: string; limit: number },
): Promise<RosterRow[]> {
  const rows = await manager.query<Row[]>(ROSTER_SQL, [
    agencyId,
    today,
    filter.status ?? null,
    filter.expiringWithinDays ?? null,
    page.afterPostId ?? null,
    page.limit,
  ]);
  return rows.map((r) => ({
    postId: r.post_id,
    firstName: r.first_name,
    middleName: r.middle_name,
    lastName: r.last_name,
    suffix: r.suffix,
    position: r.position,
    startDate: r.start_date,
    certificationStatus: r.status,
    expiresOn: r.expires_on,
    // DOMAIN.md: hireable means certified with the term running (the effective status says so),
    // and never after a revocation in another jurisdiction (c. 6E §4(d)), as the hiring check answers.
    hireable: r.status === 'certified' && !r.revoked_elsewhere,
  }));
}

/** Whether `agencyId` names an agency (not the commission or an academy). */
export async function isAgency(manager: EntityManager, agencyId: string): Promise<boolean> {
  const rows = await manager.query<unknown[]>(`SELECT 1 FROM organization WHERE id = $1 AND type = 'agency'`, [agencyId]);
  return rows.length > 0;
}
