import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, Clock, Page, timeAndIdKeyset } from '@app/core';
import { DataSource, EntityManager } from 'typeorm';
import { ChainCheck, ChainVerifier } from './domain/hash-chain';
import { appendToChain, insertPending, takeFoldLock, takePending, unchainedEntry } from './persistence/audit-chain.store';
import { AuditEntryEntity } from './persistence/audit-entry.entity';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId?: string | null;
  /** For writes: the changed fields; never restricted values (DOB, SSN digits, passwords). */
  details?: Record<string, unknown>;
}

const VERIFY_BATCH = 5_000;
/** Pending refusals chained per transaction: the chain's lock is held for one INSERT of this many rows. */
const FOLD_BATCH = 1_000;
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
  recordMany(manager: EntityManager, entries: readonly { actor: Actor | null; record: AuditRecord }[]): Promise<void> {
    const at = this.clock.now().toISOString();
    return appendToChain(
      manager,
      entries.map(({ actor, record }) => unchainedEntry(at, actor, record)),
    );
  }

  /**
   * For refusals (failed logins, 403/404 on restricted records): recorded in a transaction
   * of their own, so the refused request's rollback does not erase them (DOMAIN.md "Audit").
   */
  recordStandalone(actor: Actor | null, record: AuditRecord): Promise<void> {
    return this.dataSource.transaction((manager) => this.record(manager, actor, record));
  }

  /**
   * For `access.refused`, which anyone can cause at will: one INSERT into `audit_pending`,
   * committed on its own before the refusal is answered, WITHOUT the chain's lock, so a flood of
   * refusals does not queue audited writes behind it (issue 17). `foldPending` chains it later,
   * keeping the time it happened; `list` and `verify` fold first, so readers miss none.
   */
  async recordRefusal(actor: Actor | null, record: AuditRecord): Promise<void> {
    await insertPending(this.dataSource.manager, unchainedEntry(this.clock.now().toISOString(), actor, record));
  }

  /**
   * Moves pending refusals into the chain, oldest first, FOLD_BATCH per transaction (one
   * DELETE ... RETURNING, then one chained INSERT under the chain's lock, held only for that
   * INSERT), until none is left. One folder at a time across processes (a transaction-scoped
   * advisory lock): `waitForOtherFolder: false` (the timer) gives up when another folds, a
   * reader waits for it, so a reader that folded sees every refusal committed before it.
   * Returns how many entries were chained.
   */
  async foldPending({ waitForOtherFolder = true } = {}): Promise<number> {
    let folded = 0;
    for (;;) {
      const moved = await this.dataSource.transaction(async (manager) => {
        if (!(await takeFoldLock(manager, waitForOtherFolder))) return null;
        const pending = await takePending(manager, FOLD_BATCH);
        await appendToChain(manager, pending);
        return pending.length;
      });
      if (moved === null) return folded;
      folded += moved;
      if (moved < FOLD_BATCH) return folded;
    }
  }

  /** The chain, newest first, after folding the pending refusals into it. */
  async list(query: { entityType?: string; entityId?: string; limit: number; cursor?: string }): Promise<Page<AuditEntryEntity>> {
    await this.foldPending();
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
    await this.foldPending();
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
