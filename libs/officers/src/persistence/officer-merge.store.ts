import type { EntityManager } from 'typeorm';

/*
 * The only writer of `officer_merge` (append-only) and of the officers context's side of a merge:
 * employment and names move to the survivor. `officer_survivor(id)` and `officer_lineage(id)`
 * (migration IdentityChanges) are how every read follows a merge.
 */

export interface MergeRecord {
  duplicateOfficerId: string;
  survivorOfficerId: string;
  reason: string;
  differentBirthDates: boolean;
  actorId: string;
  actorOrganizationId: string | null;
}

export async function insertMerge(manager: EntityManager, merge: MergeRecord): Promise<void> {
  await manager.query(
    `INSERT INTO officer_merge (duplicate_officer_id, survivor_officer_id, reason, different_birth_dates, actor_id, actor_organization_id)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [merge.duplicateOfficerId, merge.survivorOfficerId, merge.reason, merge.differentBirthDates, merge.actorId, merge.actorOrganizationId],
  );
}

/** Whether the officer was merged into another (its POST ID now answers with the survivor). */
export async function isMerged(manager: EntityManager, officerId: string): Promise<boolean> {
  const rows = await manager.query<unknown[]>(`SELECT 1 FROM officer_merge WHERE duplicate_officer_id = $1`, [officerId]);
  return rows.length > 0;
}

/** POST IDs of every record merged into the officer, at any depth, in POST ID order. */
export async function mergedPostIds(manager: EntityManager, officerId: string): Promise<string[]> {
  const rows = await manager.query<{ post_id: string }[]>(
    `SELECT o.post_id FROM officer o WHERE o.id = ANY(officer_lineage($1)) AND o.id <> $1 ORDER BY o.post_id`,
    [officerId],
  );
  return rows.map((r) => r.post_id);
}

/** Agencies where both records have an open employment: one of them must be separated first (one open employment per agency). */
export async function sharedOpenEmployments(manager: EntityManager, a: string, b: string): Promise<string[]> {
  const rows = await manager.query<{ agency_id: string }[]>(
    `SELECT x.agency_id FROM employment x JOIN employment y ON y.agency_id = x.agency_id AND y.end_date IS NULL
      WHERE x.officer_id = $1 AND y.officer_id = $2 AND x.end_date IS NULL`,
    [a, b],
  );
  return rows.map((r) => r.agency_id);
}

/**
 * Employment moves (its separations under investigation follow the survivor to every later
 * check); names become the survivor's: the duplicate's current name, and its middle-name reading,
 * a `prior_name` alias unless the survivor already bears it, its aliases as they were. Every
 * name row carries the survivor's date of birth, since matching reads the copy.
 */
export async function moveEmploymentAndNames(manager: EntityManager, duplicateId: string, survivorId: string, survivorDateOfBirth: string): Promise<void> {
  await manager.query(`UPDATE employment SET officer_id = $2 WHERE officer_id = $1`, [duplicateId, survivorId]);
  // A name the survivor already bears (same normalised first and last) is not repeated.
  await manager.query(
    `DELETE FROM officer_name d
      WHERE d.officer_id = $1
        AND EXISTS (SELECT 1 FROM officer_name s WHERE s.officer_id = $2 AND s.normalized_first = d.normalized_first AND s.normalized_last = d.normalized_last)`,
    [duplicateId, survivorId],
  );
  await manager.query(
    `UPDATE officer_name
        SET officer_id = $2, date_of_birth = $3,
            alias_kind = CASE WHEN kind = 'alias' THEN coalesce(alias_kind, 'prior_name') ELSE 'prior_name' END,
            kind = 'alias'
      WHERE officer_id = $1`,
    [duplicateId, survivorId, survivorDateOfBirth],
  );
}
