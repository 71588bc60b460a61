import type { EntityManager } from 'typeorm';
import type { EmploymentFact } from '../domain/hiring-answer';
import { hireabilitySnapshotSql } from '@app/certification';
import { anyOfArrayParameter, preparedQuery, survivorSql } from '@app/database';
import { disciplineSnapshotSql } from '@app/discipline';

/** What a hiring check shows about a matched officer besides certification and discipline. */
export interface OfficerProfile {
  officerId: string;
  postId: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  suffix: string | null;
  /** Restricted: for matching only (the duplicate-identity warning, SSN evidence), never in an answer. */
  dateOfBirth: string;
  ssnLast4: string | null;
  /** POST IDs of the records merged into this one (each answers with it), in POST ID order; empty for most. */
  mergedFrom: string[];
  /** Oldest first. */
  employments: EmploymentFact[];
  /** Snapshots selected with the profile (one round trip); read back by their own contexts' services. */
  certification: unknown;
  discipline: unknown;
}

interface ProfileRow {
  id: string;
  post_id: string;
  first_name: string;
  middle_name: string | null;
  last_name: string;
  suffix: string | null;
  date_of_birth: string;
  ssn_last4: string | null;
  merged_from: string[];
  employments: EmploymentFact[];
  certification: unknown;
  discipline: unknown;
}

// One round trip: the officer, its whole employment history (dates come out of json as
// YYYY-MM-DD), the POST IDs merged into it (an index probe of officer_merge; the lineage only for a
// survivor), and the certification and discipline snapshots (fragments owned by those contexts).
const PROFILE_COLUMNS = `
  o.id, o.post_id, o.first_name, o.middle_name, o.last_name, o.suffix, o.date_of_birth, o.ssn_last4,
  CASE WHEN EXISTS (SELECT 1 FROM officer_merge m WHERE m.survivor_officer_id = o.id)
       THEN ARRAY(SELECT d.post_id FROM officer d WHERE d.id = ANY(officer_lineage(o.id)) AND d.id <> o.id ORDER BY d.post_id)
       ELSE '{}'::text[] END AS merged_from,
  coalesce((SELECT json_agg(json_build_object('agency', a.name, 'startDate', e.start_date, 'endDate', e.end_date,
                                              'separationNature', e.separation_nature, 'underInvestigation', e.under_investigation)
                            ORDER BY e.start_date, e.created_at)
              FROM employment e JOIN organization a ON a.id = e.agency_id
             WHERE e.officer_id = o.id), '[]'::json) AS employments,
  ${hireabilitySnapshotSql('o.id')} AS certification,
  ${disciplineSnapshotSql('o.id')} AS discipline`;

const toProfile = (row: ProfileRow): OfficerProfile => ({
  officerId: row.id,
  postId: row.post_id,
  firstName: row.first_name,
  middleName: row.middle_name,
  lastName: row.last_name,
  suffix: row.suffix,
  dateOfBirth: row.date_of_birth,
  ssnLast4: row.ssn_last4,
  mergedFrom: row.merged_from,
  employments: row.employments,
  certification: row.certification,
  discipline: row.discipline,
});

// Built once (a hiring check's hot path), not per call.
// A merged record's POST ID answers with its survivor (API.md "Identity changes and merges").
// The survivor through `survivorSql`'s fast path: the recursive `officer_survivor` only for a merged record.
const PROFILE_BY_POST_ID_SQL = `SELECT ${PROFILE_COLUMNS} FROM officer o WHERE o.id = (SELECT ${survivorSql('x.id')} FROM officer x WHERE x.post_id = $1)`;
const PROFILES_BY_IDS_SQL = `SELECT ${PROFILE_COLUMNS} FROM officer o WHERE o.id = ${anyOfArrayParameter(1, 'uuid')}`;

export async function profileByPostId(manager: EntityManager, postId: string): Promise<OfficerProfile | null> {
  const [row] = await preparedQuery<ProfileRow>(manager, 'hiring-profile-by-post-id', PROFILE_BY_POST_ID_SQL, [postId]);
  return row ? toProfile(row) : null;
}

export async function profilesByIds(manager: EntityManager, officerIds: readonly string[]): Promise<Map<string, OfficerProfile>> {
  if (officerIds.length === 0) return new Map();
  const rows = await preparedQuery<ProfileRow>(manager, 'hiring-profiles-by-ids', PROFILES_BY_IDS_SQL, [officerIds]);
  return new Map(rows.map((row) => [row.id, toProfile(row)]));
}
