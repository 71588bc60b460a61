import { Actor } from '@app/core';
import { preparedQuery, statementsInOneRoundTrip } from '@app/database';
import { EntityManager } from 'typeorm';
import { chainHash, ChainedFields, GENESIS_HASH } from '../domain/hash-chain';
import type { AuditRecord } from '../audit.service';

/** An entry before it has a place in the chain: everything but `seq`, `prevHash` and `hash`. */
export type UnchainedEntry = Omit<ChainedFields, 'seq'>;

/** Any constant: one chain head, serialised across all writers until their commit. */
const AUDIT_CHAIN_LOCK = 7_007_007;
/** Another constant: one folder of pending refusals at a time, whatever the number of processes. */
const AUDIT_FOLD_LOCK = 7_007_008;
const LOCK_AND_READ_HEAD = `SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}); SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`;
const CHAIN_COLUMNS = [
  'seq',
  'at',
  'actor_kind',
  'actor_id',
  'organization_id',
  'action',
  'entity_type',
  'entity_id',
  'request_id',
  'details',
  'prev_hash',
  'hash',
];
const ENTRY_COLUMNS = ['at', 'actor_kind', 'actor_id', 'organization_id', 'action', 'entity_type', 'entity_id', 'request_id', 'details'];
const MAX_NAMED_BATCH = 25;
const INSERT_PENDING = `INSERT INTO audit_pending (${ENTRY_COLUMNS.join(', ')}) VALUES (${ENTRY_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`;
const TAKE_PENDING = `WITH taken AS (
    DELETE FROM audit_pending WHERE id IN (SELECT id FROM audit_pending ORDER BY id LIMIT $1) RETURNING *
  ) SELECT ${ENTRY_COLUMNS.join(', ')} FROM taken ORDER BY id`;

export function unchainedEntry(at: string, actor: Actor | null, record: AuditRecord): UnchainedEntry {
  return {
    at,
    actorKind: actor ? actor.kind : 'system',
    actorId: actor?.id ?? null,
    organizationId: actor?.organizationId ?? null,
    action: record.action,
    entityType: record.entityType,
    entityId: record.entityId ?? null,
    requestId: actor?.requestId ?? null,
    details: record.details ?? {},
  };
}

function entryValues(entry: UnchainedEntry): unknown[] {
  return [
    entry.at,
    entry.actorKind,
    entry.actorId,
    entry.organizationId,
    entry.action,
    entry.entityType,
    entry.entityId,
    entry.requestId,
    JSON.stringify(entry.details),
  ];
}

/**
 * Appends entries in order inside the caller's transaction: one chain lock, one head read and
 * one INSERT however many. The transaction-scoped advisory lock orders writers; under READ
 * COMMITTED the head read after the lock sees the previous writer's commit.
 */
export async function appendToChain(manager: EntityManager, entries: readonly UnchainedEntry[]): Promise<void> {
  if (entries.length === 0) return;
  // The lock, then the head read with a snapshot taken after the lock is held: two statements, one round trip.
  const [, [head]] = await statementsInOneRoundTrip<[unknown[], { seq: string; hash: string }[]]>(manager, LOCK_AND_READ_HEAD);
  let seq = head ? Number(head.seq) : 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const values: unknown[] = [];
  const rows: string[] = [];
  for (const entry of entries) {
    const fields: ChainedFields = { seq: ++seq, ...entry };
    const hash = chainHash(prevHash, fields);
    const first = values.length + 1;
    rows.push(`(${CHAIN_COLUMNS.map((_, i) => `$${first + i}`).join(', ')})`);
    values.push(fields.seq, ...entryValues(entry), prevHash, hash);
    prevHash = hash;
  }
  const text = `INSERT INTO audit_log (${CHAIN_COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`;
  // A statement per batch size: named (planned once per connection) for the sizes callers use.
  if (entries.length <= MAX_NAMED_BATCH) await preparedQuery(manager, `audit-append-${entries.length}`, text, values);
  else await manager.query(text, values);
}

/** One INSERT outside any transaction of the caller's (autocommit): durable when it returns. */
export async function insertPending(manager: EntityManager, entry: UnchainedEntry): Promise<void> {
  await preparedQuery(manager, 'audit-pending-insert', INSERT_PENDING, entryValues(entry));
}

/** The folder's lock, for the transaction: waited for, or tried once (false when another process folds). */
export async function takeFoldLock(manager: EntityManager, wait: boolean): Promise<boolean> {
  if (wait) {
    await manager.query(`SELECT pg_advisory_xact_lock(${AUDIT_FOLD_LOCK})`);
    return true;
  }
  const [{ locked }] = await manager.query<{ locked: boolean }[]>(`SELECT pg_try_advisory_xact_lock(${AUDIT_FOLD_LOCK}) AS locked`);
  return locked;
}

interface PendingRow {
  at: Date;
  actor_kind: string;
  actor_id: string | null;
  organization_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  request_id: string | null;
  details: unknown;
}

/** Deletes up to `limit` of the oldest pending entries and returns them in the order they were recorded. */
export async function takePending(manager: EntityManager, limit: number): Promise<UnchainedEntry[]> {
  const rows = await manager.query<PendingRow[]>(TAKE_PENDING, [limit]);
  return rows.map((row) => ({
    at: row.at.toISOString(),
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    organizationId: row.organization_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    requestId: row.request_id,
    details: row.details,
  }));
}
