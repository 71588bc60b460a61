import type { EntityManager } from 'typeorm';
import type { OfficerNameRow } from '../domain/officer-identity';

/*
 * Writes of `officer_name` for identity changes (officers owns the table). `post_id` is copied
 * by the table's trigger; `date_of_birth` is the officer's, copied here.
 */

export type AliasKind = 'nickname' | 'prior_name';

/** The current name's rows (`current`, `middle`) give way to the new name's. Aliases stay. */
export async function replaceCurrentNameRows(manager: EntityManager, officerId: string, dateOfBirth: string, rows: readonly OfficerNameRow[]): Promise<void> {
  await manager.query(`DELETE FROM officer_name WHERE officer_id = $1 AND kind IN ('current', 'middle')`, [officerId]);
  await insertNameRows(manager, officerId, dateOfBirth, rows, null);
}

export async function insertNameRows(
  manager: EntityManager,
  officerId: string,
  dateOfBirth: string,
  rows: readonly OfficerNameRow[],
  aliasKind: AliasKind | null,
): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO officer_name (officer_id, kind, alias_kind, first_name, last_name, normalized_first, normalized_last, normalized_full, date_of_birth)
     SELECT $1, r.kind, CASE WHEN r.kind = 'alias' THEN $3 END, r.first_name, r.last_name, r.nf, r.nl, r.nfull, $2
       FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) AS r(kind, first_name, last_name, nf, nl, nfull)`,
    [
      officerId,
      dateOfBirth,
      aliasKind,
      rows.map((r) => r.kind),
      rows.map((r) => r.firstName),
      rows.map((r) => r.lastName),
      rows.map((r) => r.normalizedFirst),
      rows.map((r) => r.normalizedLast),
      rows.map((r) => r.normalizedFull),
    ],
  );
}

/** Whether the officer already bears this name as an alias (compared as the matcher compares names). */
export async function hasAlias(manager: EntityManager, officerId: string, normalizedFirst: string, normalizedLast: string): Promise<boolean> {
  const rows = await manager.query<unknown[]>(
    `SELECT 1 FROM officer_name WHERE officer_id = $1 AND kind = 'alias' AND normalized_first = $2 AND normalized_last = $3 LIMIT 1`,
    [officerId, normalizedFirst, normalizedLast],
  );
  return rows.length > 0;
}

/** A corrected date of birth reaches the copies every name row carries for matching. */
export async function setNamesDateOfBirth(manager: EntityManager, officerId: string, dateOfBirth: string): Promise<void> {
  await manager.query(`UPDATE officer_name SET date_of_birth = $2 WHERE officer_id = $1`, [officerId, dateOfBirth]);
}

export interface AliasRow {
  firstName: string;
  lastName: string;
  kind: AliasKind;
}

export async function aliasesOf(manager: EntityManager, officerId: string): Promise<AliasRow[]> {
  return manager.query<AliasRow[]>(
    `SELECT first_name AS "firstName", last_name AS "lastName", coalesce(alias_kind, 'prior_name') AS kind
       FROM officer_name WHERE officer_id = $1 AND kind = 'alias' ORDER BY last_name, first_name`,
    [officerId],
  );
}

/** The restricted before and after of a correction: never in the audit details, never logged. */
export async function insertIdentityCorrection(
  manager: EntityManager,
  correction: { officerId: string; before: Record<string, unknown>; after: Record<string, unknown>; reason: string; actorId: string },
): Promise<string> {
  const [row] = await manager.query<{ id: string }[]>(
    `INSERT INTO officer_identity_correction (officer_id, before, after, reason, actor_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [correction.officerId, JSON.stringify(correction.before), JSON.stringify(correction.after), correction.reason, correction.actorId],
  );
  return row.id;
}
