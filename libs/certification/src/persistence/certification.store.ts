import type { EntityManager } from 'typeorm';
import { anyOfArrayParameter, lineageSql, preparedQuery } from '@app/database';
import {
  certificationNotFound,
  MERGE_REASON,
  RENEWAL_REASON,
  type CertificationHistoryEntry,
  type CertificationState,
  type CertificationStatus,
  type HireabilityFacts,
} from '../domain';
import { CertificationHistoryEntity } from './certification-history.entity';
import { CertificationEntity } from './certification.entity';

/*
 * Persistence of the certification aggregate. Every function takes the caller's
 * EntityManager, so that it runs inside that transaction.
 */

export function toState(row: CertificationEntity): CertificationState {
  return {
    status: row.status,
    issuedOn: row.issuedOn,
    expiresOn: row.expiresOn,
    adminSuspensionReason: row.adminSuspensionReason,
    statusBeforeSuspension: row.statusBeforeSuspension,
    suspensionCaseId: row.suspensionCaseId,
    suspensionEndsOn: row.suspensionEndsOn,
    statusBeforeRevocation: row.statusBeforeRevocation,
    revocationCaseId: row.revocationCaseId,
  };
}

/**
 * The officers context creates the row with the officer; an officer from before that (or
 * a factory) gets it here. DO NOTHING: a concurrent creator wins and both then lock the
 * same row. Nothing is inserted for an unknown officer id.
 */
export async function ensureCertificationRow(manager: EntityManager, officerId: string): Promise<void> {
  await manager.query(
    `INSERT INTO certification (officer_id, status) SELECT id, 'not_certified' FROM officer WHERE id = $1 ON CONFLICT (officer_id) DO NOTHING`,
    [officerId],
  );
}

/** SELECT … FOR UPDATE: every change to one certification is serialised on this row. */
export function lockCertification(manager: EntityManager, officerId: string): Promise<CertificationEntity | null> {
  return manager
    .getRepository(CertificationEntity)
    .createQueryBuilder('c')
    .setLock('pessimistic_write')
    .where('c.officerId = :officerId', { officerId })
    .getOne();
}

/** Creates the row when missing, then locks it; CERTIFICATION.NOT_FOUND (404) for an unknown officer id. */
export async function lockOrCreateCertification(manager: EntityManager, officerId: string): Promise<CertificationEntity> {
  await ensureCertificationRow(manager, officerId);
  const row = await lockCertification(manager, officerId);
  if (!row) throw certificationNotFound();
  return row;
}

/** The officer's history, with that of every record merged into it (append-only rows stay where written; reads follow the merge). */
export function historyOf(manager: EntityManager, officerId: string): Promise<CertificationHistoryEntity[]> {
  return manager
    .getRepository(CertificationHistoryEntity)
    .createQueryBuilder('h')
    .where('h.officerId = ANY(officer_lineage(:officerId))', { officerId })
    .orderBy('h.recordedAt', 'ASC')
    .addOrderBy('h.id', 'ASC')
    .getMany();
}

export interface SaveMeta {
  /** For the command's own row; rows recording what time did are the system's. */
  actorId: string;
  recordedAt: Date;
}

/**
 * Writes the new state (version + 1) and appends the history rows. `systemRows` leading
 * rows record what time did before the command (a term that ended, a suspension that ran
 * out) and are attributed to the system, not to the person whose request noticed them.
 */
export async function saveTransition(
  manager: EntityManager,
  row: CertificationEntity,
  next: CertificationState,
  history: readonly CertificationHistoryEntry[],
  meta: SaveMeta & { systemRows: number },
): Promise<void> {
  const firstCertifiedOn = row.firstCertifiedOn ?? (next.status === 'certified' ? next.issuedOn : null);
  await manager
    .createQueryBuilder()
    .update(CertificationEntity)
    .set({ ...next, firstCertifiedOn, version: () => 'version + 1', updatedAt: meta.recordedAt })
    .where('officer_id = :officerId', { officerId: row.officerId })
    .execute();
  if (history.length === 0) return;
  await manager.insert(
    CertificationHistoryEntity,
    history.map((entry, index) => ({
      officerId: row.officerId,
      fromStatus: entry.from,
      toStatus: entry.to,
      reason: entry.reason,
      basis: entry.basis,
      caseId: entry.caseId ?? null,
      actorId: index < meta.systemRows ? SYSTEM_ACTOR_ID : meta.actorId,
      effectiveOn: entry.effectiveOn,
      recordedAt: meta.recordedAt,
    })),
  );
}

export const SYSTEM_ACTOR_ID = 'system';

export interface StoredCertification {
  state: CertificationState;
  facts: HireabilityFacts;
}

/** The state row as `STATE_COLUMNS` select it. */
interface StateRow {
  officer_id: string;
  status: CertificationStatus;
  issued_on: string | null;
  expires_on: string | null;
  first_certified_on: string | null;
  admin_suspension_reason: CertificationState['adminSuspensionReason'];
  status_before_suspension: CertificationStatus | null;
  suspension_case_id: string | null;
  suspension_ends_on: string | null;
  status_before_revocation: CertificationStatus | null;
  revocation_case_id: string | null;
}

interface HireabilityRow extends StateRow {
  status_since: string | null;
  ever_relinquished: boolean;
}

/** The state row's columns a verdict or a standing is judged from. */
const STATE_COLUMNS = `c.officer_id, c.status, c.issued_on, c.expires_on, c.first_certified_on, c.admin_suspension_reason,
         c.status_before_suspension, c.suspension_case_id, c.suspension_ends_on, c.status_before_revocation, c.revocation_case_id`;

// The history of the officer's lineage (records merged into it) through `lineageSql`'s fast path:
// without a merge, the officer alone, with no call of the recursive `officer_lineage` per row.
const HIREABILITY_SELECT = `
  SELECT ${STATE_COLUMNS},
         (SELECT h.effective_on FROM certification_history h
           WHERE h.officer_id = ANY(${lineageSql('c.officer_id')}) AND h.to_status = c.status AND h.from_status <> h.to_status AND h.reason <> '${MERGE_REASON}'
           ORDER BY h.recorded_at DESC, h.id DESC LIMIT 1) AS status_since,
         EXISTS (SELECT 1 FROM certification_history h WHERE h.officer_id = ANY(${lineageSql('c.officer_id')}) AND h.to_status = 'relinquished') AS ever_relinquished
    FROM certification c`;

const stateOfRow = (r: StateRow): CertificationState => ({
  status: r.status,
  issuedOn: r.issued_on,
  expiresOn: r.expires_on,
  adminSuspensionReason: r.admin_suspension_reason,
  statusBeforeSuspension: r.status_before_suspension,
  suspensionCaseId: r.suspension_case_id,
  suspensionEndsOn: r.suspension_ends_on,
  statusBeforeRevocation: r.status_before_revocation,
  revocationCaseId: r.revocation_case_id,
});

const toStoredCertification = (r: HireabilityRow): StoredCertification => ({
  state: stateOfRow(r),
  facts: { firstCertifiedOn: r.first_certified_on, statusSince: r.status_since, everRelinquished: r.ever_relinquished },
});

/**
 * State and history facts of many certifications in one query (no lock). `status_since`
 * is the last change INTO the recorded status: a row that kept the status (a renewal, a
 * suspension recast by its case) does not restart it.
 */
export async function loadForHireability(manager: EntityManager, officerIds: readonly string[]): Promise<Map<string, StoredCertification>> {
  if (officerIds.length === 0) return new Map();
  const rows = await preparedQuery<HireabilityRow>(
    manager,
    'certification-hireability',
    `${HIREABILITY_SELECT} WHERE c.officer_id = ${anyOfArrayParameter(1, 'uuid')}`,
    [officerIds],
  );
  return new Map(rows.map((r) => [r.officer_id, toStoredCertification(r)]));
}

/**
 * The same facts for one officer as a single JSON value (null without a certification row),
 * for another context to select alongside its own columns: a hiring check or a public page
 * then costs one round trip, which on this machine is most of a request's time.
 * `officerIdSql` is a column reference of the enclosing statement, never user input.
 * Read it back with `CertificationService.verdictFromSnapshot`. Dates in JSON are YYYY-MM-DD.
 */
export const hireabilitySnapshotSql = (officerIdSql: string) => `(SELECT row_to_json(h) FROM (${HIREABILITY_SELECT} WHERE c.officer_id = ${officerIdSql}) h)`;

export function storedFromSnapshot(snapshot: unknown): StoredCertification | undefined {
  return snapshot ? toStoredCertification(snapshot as HireabilityRow) : undefined;
}

/**
 * The state row alone as one JSON value (null without a row): enough for where the
 * certification stands (`CertificationService.standingFromSnapshot`), not for a hiring
 * verdict, whose reasons need the history. The public page selects this one: without the two
 * history lookups (and discipline's report-findings count), its statement ran at 21,400-22,200
 * instead of 15,900-17,600 per second (pgbench, 1M officers with their history).
 */
export const standingSnapshotSql = (officerIdSql: string) =>
  `(SELECT row_to_json(s) FROM (SELECT ${STATE_COLUMNS} FROM certification c WHERE c.officer_id = ${officerIdSql}) s)`;

/**
 * Whether a certification ever existed (555 CMR 8.06(3): the officer is public), from a
 * `standingSnapshotSql` value: the certification row's own test, `first_certified_on IS NOT NULL
 * OR status <> 'not_certified'`, without a second probe of the row the snapshot already read.
 */
export function certificationExistedInSnapshot(snapshot: unknown): boolean {
  if (!snapshot) return false;
  const row = snapshot as StateRow;
  return row.first_certified_on !== null || row.status !== 'not_certified';
}

export function stateFromSnapshot(snapshot: unknown): { state: CertificationState; firstCertifiedOn: string | null } | undefined {
  if (!snapshot) return undefined;
  const row = snapshot as StateRow;
  return { state: stateOfRow(row), firstCertifiedOn: row.first_certified_on };
}

/** The day each officer's certification was last renewed (the history's latest renewal), for those that have one. */
export async function lastRenewalDates(manager: EntityManager, officerIds: readonly string[]): Promise<Map<string, string>> {
  if (officerIds.length === 0) return new Map();
  const rows = await manager.query<{ officer_id: string; effective_on: string }[]>(
    `SELECT DISTINCT ON (h.officer_id) h.officer_id, h.effective_on
       FROM certification_history h
      WHERE h.officer_id = ANY($1::uuid[]) AND h.reason = $2
      ORDER BY h.officer_id, h.id DESC`,
    [officerIds, RENEWAL_REASON],
  );
  return new Map(rows.map((row) => [row.officer_id, row.effective_on]));
}

/** Certifications that time has changed by `today` and no one recorded yet, in pages by officer id. */
export async function dueForSettlement(manager: EntityManager, today: string, afterOfficerId: string | null, limit: number): Promise<string[]> {
  const rows = await manager.query<{ officer_id: string }[]>(
    `SELECT officer_id FROM certification
      WHERE ((status = 'certified' AND expires_on <= $1) OR (status = 'suspended' AND suspension_ends_on <= $1))
        AND ($2::uuid IS NULL OR officer_id > $2::uuid)
      ORDER BY officer_id LIMIT $3`,
    [today, afterOfficerId, limit],
  );
  return rows.map((r) => r.officer_id);
}

/**
 * The effective status (`certificationStanding(...).status`) as an SQL expression, for lists and
 * counts that filter or group by status over many officers (rosters, the commission's figures)
 * where settling each row in JavaScript would cost a round trip per page or a million rows. The
 * same rule as settleCertification: a term that ended reads `lapsed`; a fixed-term suspension that
 * ran out reads as the status it hid, `lapsed` when that was a term that ended meanwhile.
 * `c` is the alias of a `certification` row (or NULL from a LEFT JOIN: never certified), `today`
 * a date-typed SQL expression; both are the caller's SQL, never user input. Checked against the
 * pure rule in test/e2e/certification-effective-status.e2e-spec.ts.
 */
export const effectiveStatusSql = (c: string, today: string) => `(CASE
    WHEN ${c}.status IS NULL THEN 'not_certified'
    WHEN ${c}.status = 'certified' AND ${c}.expires_on <= ${today} THEN 'lapsed'
    WHEN ${c}.status = 'suspended' AND ${c}.suspension_ends_on <= ${today} THEN
      CASE coalesce(${c}.status_before_suspension, 'not_certified')
        WHEN 'certified' THEN CASE WHEN ${c}.expires_on > ${today} THEN 'certified' ELSE 'lapsed' END
        ELSE coalesce(${c}.status_before_suspension, 'not_certified') END
    ELSE ${c}.status END)`;
