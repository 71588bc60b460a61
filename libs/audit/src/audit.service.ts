import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, Clock, Page, timeAndIdKeyset } from '@app/core';
import { preparedQuery, statementsInOneRoundTrip } from '@app/database';
import { DataSource, EntityManager } from 'typeorm';
import { chainHash, ChainCheck, ChainedFields, ChainVerifier, GENESIS_HASH } from './domain/hash-chain';
import { AuditEntryEntity } from './persistence/audit-entry.entity';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** For writes: the changed fields; never restricted values (DOB, SSN digits, passwords). */
  details?: Record<string, unknown>;
}

/** Any constant: one chain head, serialised across all writers until their commit. */
const AUDIT_CHAIN_LOCK = 7_007_007;
const LOCK_AND_READ_HEAD = `SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK}); SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1`;
const VERIFY_BATCH = 5_000;
const INSERT_COLUMNS = [
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
const MAX_NAMED_BATCH = 25;
/** Newest first by sequence; the cursor also carries the entry's time, for a reader's eye only. */
const ENTRIES_KEYSET = timeAndIdKeyset({ at: 'timestamp', id: 'seq' });

@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Appends one entry inside the caller's transaction, so the change and its record
   * commit together or not at all.
   */
  record(manager: EntityManager, actor: Actor | null, record: AuditRecord): Promise<void> {
    return this.recordMany(manager, [{ actor, record }]);
  }

  /**
   * Appends entries in order inside the caller's transaction: one chain lock, one head read
   * and one INSERT however many (a batch of hiring checks writes 25 entries in 3 statements
   * instead of 75). The transaction-scoped advisory lock orders writers; under READ COMMITTED
   * the head read after the lock sees the previous writer's commit.
   */
  async recordMany(manager: EntityManager, entries: readonly { actor: Actor | null; record: AuditRecord }[]): Promise<void> {
    if (entries.length === 0) return;
    // The lock, then the head read with a snapshot taken after the lock is held: two statements, one round trip.
    const [, [head]] = await statementsInOneRoundTrip<[unknown[], { seq: string; hash: string }[]]>(manager, LOCK_AND_READ_HEAD);
    const at = this.clock.now().toISOString();
    let seq = head ? Number(head.seq) : 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    const values: unknown[] = [];
    const rows: string[] = [];
    for (const { actor, record } of entries) {
      const fields: ChainedFields = {
        seq: ++seq,
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
      const hash = chainHash(prevHash, fields);
      const first = values.length + 1;
      rows.push(`(${Array.from({ length: INSERT_COLUMNS.length }, (_, i) => `$${first + i}`).join(', ')})`);
      values.push(
        fields.seq,
        fields.at,
        fields.actorKind,
        fields.actorId,
        fields.organizationId,
        fields.action,
        fields.entityType,
        fields.entityId,
        fields.requestId,
        JSON.stringify(fields.details),
        prevHash,
        hash,
      );
      prevHash = hash;
    }
    const text = `INSERT INTO audit_log (${INSERT_COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`;
    // A statement per batch size: named (planned once per connection) for the sizes callers use.
    if (entries.length <= MAX_NAMED_BATCH) await preparedQuery(manager, `audit-append-${entries.length}`, text, values);
    else await manager.query(text, values);
  }

  /**
   * For refusals (failed logins, 403/404 on restricted records): recorded in a transaction
   * of their own, so the refused request's rollback does not erase them (DOMAIN.md "Audit").
   */
  recordStandalone(actor: Actor | null, record: AuditRecord): Promise<void> {
    return this.dataSource.transaction((manager) => this.record(manager, actor, record));
  }

  async list(query: { entityType?: string; entityId?: string; limit: number; cursor?: string }): Promise<Page<AuditEntryEntity>> {
    const after = ENTRIES_KEYSET.after(query.cursor);
    const qb = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a').orderBy('a.seq', 'DESC');
    if (query.entityType) qb.andWhere('a.entityType = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('a.entityId = :entityId', { entityId: query.entityId });
    if (after !== undefined) qb.andWhere('a.seq < :after', { after: Number(after.id) });
    return ENTRIES_KEYSET.page(
      query.limit,
      (limit) => qb.take(limit).getMany(),
      (last) => ({ at: last.at.toISOString(), id: String(last.seq) }),
    );
  }

  async head(): Promise<{ seq: number; hash: string; at: string } | null> {
    const [row] = await this.dataSource.query<{ seq: string; hash: string; at: Date }[]>('SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1');
    return row ? { seq: Number(row.seq), hash: row.hash, at: row.at.toISOString() } : null;
  }

  /**
   * Recomputes the whole chain in batches. With a head saved earlier, also proves that
   * head is still in the chain: a truncated or rewritten log fails (reliability.md §3.5).
   */
  async verify(knownHead?: { seq: number; hash: string }): Promise<ChainCheck> {
    const verifier = new ChainVerifier();
    let knownHeadFound = false;
    for (let after = 0; ;) {
      const rows = await this.dataSource.query<AuditRow[]>(
        `SELECT seq, at, actor_kind, actor_id, organization_id, action, entity_type, entity_id, request_id, details, prev_hash, hash
           FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
        [after, VERIFY_BATCH],
      );
      for (const row of rows) {
        const entry = fromRow(row);
        if (!verifier.push(entry)) return verifier.finish();
        if (knownHead && entry.seq === knownHead.seq) knownHeadFound = entry.hash === knownHead.hash;
      }
      if (rows.length < VERIFY_BATCH) break;
      after = Number(rows[rows.length - 1].seq);
    }
    const result = verifier.finish();
    if (result.valid && knownHead && !knownHeadFound) {
      return { valid: false, firstBrokenEntry: { seq: knownHead.seq, reason: 'the saved head is no longer part of the chain' } };
    }
    return result;
  }
}

interface AuditRow {
  seq: string;
  at: Date;
  actor_kind: string;
  actor_id: string | null;
  organization_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  request_id: string | null;
  details: unknown;
  prev_hash: string;
  hash: string;
}

function fromRow(row: AuditRow) {
  return {
    seq: Number(row.seq),
    at: row.at.toISOString(),
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    organizationId: row.organization_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    requestId: row.request_id,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}
