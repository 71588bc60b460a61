import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { Actor, Clock } from '@app/core';
import { DataSource, EntityManager } from 'typeorm';
import { CONCURRENT_KINDS, displayedSourceId, IMPORT_CHUNK_ROWS, IMPORT_CHUNK_WORKERS, ImportKind } from './domain/import-kinds';
import { checkCertificationRow, checkEmploymentRow, checkFinalActionRow, checkOfficerRow, checkTrainingRow, RowCheck, RowContext } from './domain/row-rules';
import { addTime, PROFILE, printProfile, profileQueries, timed } from './import-profile';
import { DataImportEntity } from './persistence/data-import.entity';
import { advanceImport, saveFlags, saveImportOfficers, saveRejections, saveSources, StagedRow, stagedRange, stagedRows } from './persistence/import.store';
import { CertificationsProcessor } from './processors/certifications.processor';
import { CheckedRow, ChunkContext, ChunkOutcome } from './processors/chunk';
import { EmploymentsProcessor } from './processors/employments.processor';
import { FinalActionsProcessor } from './processors/final-actions.processor';
import { OfficersProcessor } from './processors/officers.processor';
import { TrainingProcessor } from './processors/training.processor';

/** The first key of imports' advisory locks (the second: the import id's hash). */
const IMPORT_LOCK_CLASS = 18_001;
/** The first key of a range-run chunk's transaction lock (the second: a hash of the import id and the range's first row). */
const IMPORT_RANGE_LOCK_CLASS = 18_002;
const CHUNK_STATEMENT_TIMEOUT_MS = 60_000;

interface KindHandler {
  check: (raw: Record<string, unknown>, context: RowContext) => RowCheck<unknown>;
  process: (ctx: ChunkContext, rows: CheckedRow<unknown>[], outcome: ChunkOutcome) => Promise<void>;
}

/**
 * Processes an import one chunk per transaction (API.md "Imports": resumable, exactly once).
 * Each transaction locks the import's row, reads the next IMPORT_CHUNK_ROWS staged rows after
 * `processed`, writes what they become, the report, the progress and the audit entry, and
 * commits them together: a process killed mid-chunk leaves nothing of that chunk, and the next
 * run starts where the last commit stopped. Two workers on one import take turns on the lock.
 */
@Injectable()
export class ImportChunksService {
  private readonly handlers: Record<ImportKind, KindHandler>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: ConfigService,
    officers: OfficersProcessor,
    employments: EmploymentsProcessor,
    certifications: CertificationsProcessor,
    training: TrainingProcessor,
    finalActions: FinalActionsProcessor,
  ) {
    const handler = <T>(
      check: (raw: Record<string, unknown>, context: RowContext) => RowCheck<T>,
      processor: { process(ctx: ChunkContext, rows: CheckedRow<T>[], outcome: ChunkOutcome): Promise<void> },
    ): KindHandler => ({
      check,
      process: (ctx, rows, outcome) => processor.process(ctx, rows as CheckedRow<T>[], outcome),
    });
    this.handlers = {
      officers: handler(checkOfficerRow, officers),
      employments: handler(checkEmploymentRow, employments),
      certifications: handler(checkCertificationRow, certifications),
      training: handler(checkTrainingRow, training),
      final_actions: handler(checkFinalActionRow, finalActions),
    };
  }

  /**
   * Runs the import's remaining chunks while `proceed()` holds; true once it has succeeded (or
   * was already finished). Kinds in CONCURRENT_KINDS run `workers` chunks at once (rangesToEnd);
   * the others one after another, in row order.
   */
  async runToEnd(importId: string, chunkRows = IMPORT_CHUNK_ROWS, proceed: () => boolean = () => true, workers = IMPORT_CHUNK_WORKERS): Promise<boolean> {
    const kind = await this.dataSource.query<{ kind: ImportKind }[]>(`SELECT kind FROM data_import WHERE id = $1`, [importId]);
    if (kind.length > 0 && workers > 1 && CONCURRENT_KINDS.has(kind[0].kind)) return this.rangesToEnd(importId, chunkRows, proceed, workers);
    for (;;) {
      if (!proceed()) return false;
      if (!(await this.processNextChunk(importId, chunkRows))) return true;
    }
  }

  /**
   * Both cores (issue 18): a chunk is mostly serial (Node waits for PostgreSQL, then PostgreSQL
   * for Node), so `workers` chunks run at once, each in its own transaction. A chunk is a fixed
   * range of row numbers, (k-1)·chunkRows+1 … k·chunkRows, handed out in order by this loop;
   * its transaction holds a lock on (import, k), reads the range's staged rows and deletes them
   * with the rest of its writes: the staged rows still there are exactly those no commit has
   * processed, whatever order the chunks committed in, so a process killed mid-way leaves some
   * ranges done and others whole, and the next run processes the whole ones (exactly once).
   * `processed` and the other counts are sums. Only for kinds whose rows' outcomes do not
   * depend on which chunk commits first (CONCURRENT_KINDS). The import ends in a transaction
   * of its own once no staged row is left (`finishIfDone`).
   */
  private async rangesToEnd(importId: string, chunkRows: number, proceed: () => boolean, workers: number): Promise<boolean> {
    for (;;) {
      const bounds = await this.startRanges(importId);
      if (bounds === 'over') return true;
      if (bounds !== 'empty') {
        let next = Math.floor((bounds.first - 1) / chunkRows);
        const last = Math.floor((bounds.last - 1) / chunkRows);
        let failure: Error | undefined;
        let interrupted = false;
        const worker = async () => {
          while (failure === undefined && next <= last) {
            if (!proceed()) {
              interrupted = true;
              return;
            }
            const index = next++;
            try {
              if (!(await this.rangeChunk(importId, index * chunkRows + 1, (index + 1) * chunkRows))) return;
            } catch (error) {
              failure ??= error instanceof Error ? error : new Error(String(error));
            }
          }
        };
        await Promise.all(Array.from({ length: workers }, worker));
        if (failure !== undefined) throw failure;
        if (interrupted) return false;
      }
      if (await this.finishIfDone(importId)) return true;
    }
  }

  /** The import's row numbers still staged; it becomes `running`. `over`: finished, failed or still receiving (nothing to run). */
  private startRanges(importId: string): Promise<{ first: number; last: number } | 'empty' | 'over'> {
    return this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(DataImportEntity, { where: { id: importId }, lock: { mode: 'pessimistic_write' } });
      if (!current || current.status === 'succeeded' || current.status === 'failed' || current.status === 'receiving') return 'over';
      if (current.status === 'queued') await manager.update(DataImportEntity, { id: importId }, { status: 'running', startedAt: this.clock.now() });
      const [bounds] = await manager.query<{ first: number | null; last: number | null }[]>(
        `SELECT min(row_no) AS first, max(row_no) AS last FROM import_row WHERE import_id = $1`,
        [importId],
      );
      return bounds.first === null || bounds.last === null ? 'empty' : { first: bounds.first, last: bounds.last };
    });
  }

  /**
   * One range's chunk. Not the import's row lock (another chunk's transaction updates the
   * progress): a lock on (import, range) keeps a second transaction on the same range waiting
   * until the first commits, after which it finds the range's rows gone. False when the
   * import is no longer running (failed meanwhile).
   */
  private async rangeChunk(importId: string, fromRow: number, toRow: number): Promise<boolean> {
    const started = process.hrtime.bigint();
    let stopProfiling = () => {};
    try {
      return await this.dataSource.transaction(async (manager) => {
        if (PROFILE) stopProfiling = await profileQueries(manager);
        await manager.query(`SET LOCAL statement_timeout = ${CHUNK_STATEMENT_TIMEOUT_MS}`);
        await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2 || ':' || $3::text))`, [IMPORT_RANGE_LOCK_CLASS, importId, fromRow]);
        const current = await manager.findOneBy(DataImportEntity, { id: importId });
        if (!current || current.status !== 'running') return false;
        const rows = await stagedRange(manager, importId, fromRow, toRow);
        if (rows.length > 0) await this.processRows(manager, current, rows);
        return true;
      });
    } finally {
      stopProfiling();
      if (PROFILE) addTime('all: chunk transaction (commit included)', started);
    }
  }

  /** Ends a range-run import once none of its rows is staged; false when some are (a range to run again). */
  private finishIfDone(importId: string): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const current = await manager.findOne(DataImportEntity, { where: { id: importId }, lock: { mode: 'pessimistic_write' } });
      if (!current || current.status !== 'running') return true;
      const left = await manager.query<unknown[]>(`SELECT 1 FROM import_row WHERE import_id = $1 LIMIT 1`, [importId]);
      if (left.length > 0) return false;
      printProfile(current.kind);
      await this.finish(manager, current);
      return true;
    });
  }

  /**
   * Runs the import to its end unless another process runs it: the run holds a session-level
   * advisory lock on the import, which PostgreSQL drops with the connection of a process that
   * dies, so a retried or resumed job waits for nobody. `busy`: another process runs it.
   * `interrupted`: `proceed()` stopped it between chunks.
   */
  async runExclusively(importId: string, proceed: () => boolean = () => true): Promise<'finished' | 'busy' | 'interrupted'> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked`, [IMPORT_LOCK_CLASS, importId])) as {
        locked: boolean;
      }[];
      if (!locked) return 'busy';
      try {
        return (await this.runToEnd(importId, IMPORT_CHUNK_ROWS, proceed)) ? 'finished' : 'interrupted';
      } finally {
        await runner.query(`SELECT pg_advisory_unlock($1, hashtext($2))`, [IMPORT_LOCK_CLASS, importId]);
      }
    } finally {
      await runner.release();
    }
  }

  /** Queued or running imports that no process runs now (nobody holds their advisory lock). */
  async unheldImports(): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT i.id FROM data_import i
        WHERE i.status IN ('queued', 'running')
          AND NOT EXISTS (SELECT 1 FROM pg_locks l
                           WHERE l.locktype = 'advisory' AND l.classid = $1::int::oid AND l.objsubid = 2
                             AND l.objid = (hashtext(i.id::text)::bigint & 4294967295)::oid)`,
      [IMPORT_LOCK_CLASS],
    );
    return rows.map((row) => row.id);
  }

  /** One chunk in one transaction; false when nothing is left (the import is then `succeeded`). */
  async processNextChunk(importId: string, chunkRows = IMPORT_CHUNK_ROWS): Promise<boolean> {
    const started = process.hrtime.bigint();
    const more = await this.chunkTransaction(importId, chunkRows);
    if (PROFILE) addTime('all: chunk transaction (commit included)', started);
    return more;
  }

  private async chunkTransaction(importId: string, chunkRows: number): Promise<boolean> {
    let stopProfiling = () => {};
    try {
      return await this.sequentialChunk(importId, chunkRows, (stop) => (stopProfiling = stop));
    } finally {
      stopProfiling();
    }
  }

  private sequentialChunk(importId: string, chunkRows: number, profiling: (stop: () => void) => void): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      if (PROFILE) profiling(await profileQueries(manager));
      // Background bulk work, 5,000 rows a statement: held to a minute, not to a request's limit (DB_STATEMENT_TIMEOUT_MS).
      await manager.query(`SET LOCAL statement_timeout = ${CHUNK_STATEMENT_TIMEOUT_MS}`);
      const current = await manager.findOne(DataImportEntity, { where: { id: importId }, lock: { mode: 'pessimistic_write' } });
      if (!current || current.status === 'succeeded' || current.status === 'failed' || current.status === 'receiving') return false;
      if (current.status === 'queued') await manager.update(DataImportEntity, { id: importId }, { status: 'running', startedAt: this.clock.now() });
      const rows = await stagedRows(manager, importId, current.processed, chunkRows);
      if (rows.length === 0) {
        printProfile(current.kind);
        await this.finish(manager, current);
        return false;
      }
      await this.processRows(manager, current, rows);
      return true;
    });
  }

  /** Marks the import failed (its job gave up); what committed stays, as the report says. */
  async fail(importId: string, reason: string): Promise<void> {
    await this.dataSource.manager.update(
      DataImportEntity,
      { id: importId, status: 'running' },
      { status: 'failed', failure: reason, finishedAt: this.clock.now() },
    );
    await this.dataSource.manager.update(
      DataImportEntity,
      { id: importId, status: 'queued' },
      { status: 'failed', failure: reason, finishedAt: this.clock.now() },
    );
  }

  private async processRows(manager: EntityManager, current: DataImportEntity, rows: StagedRow[]): Promise<void> {
    const handler = this.handlers[current.kind];
    const today = this.clock.today();
    const outcome = new ChunkOutcome();
    const checkStarted = process.hrtime.bigint();
    const valid: CheckedRow<unknown>[] = [];
    for (const staged of rows) {
      const sourceId = displayedSourceId(current.kind, staged.data);
      if (typeof staged.data.$error === 'string') {
        outcome.reject({ row: staged.row, sourceId: null }, { field: 'row', reason: 'unreadable', message: staged.data.$error });
      } else if (staged.duplicateOf !== null) {
        outcome.reject(
          { row: staged.row, sourceId },
          {
            field: duplicateField(current.kind),
            reason: 'duplicate_in_file',
            message: `row ${staged.duplicateOf} of this file has the same ${duplicateField(current.kind)}`,
          },
        );
      } else {
        const checked = handler.check(staged.data, { today });
        if (checked.ok) valid.push({ row: staged.row, sourceId, value: checked.value });
        else outcome.reject({ row: staged.row, sourceId }, ...checked.errors);
      }
    }
    if (PROFILE) addTime('js: row checks', checkStarted);
    const ctx: ChunkContext = {
      manager,
      importId: current.id,
      kind: current.kind,
      dryRun: current.dryRun,
      today,
      jurisdiction: this.config.getOrThrow<string>('jurisdiction'),
      actor: actorOf(current),
    };
    const processStarted = process.hrtime.bigint();
    await handler.process(ctx, valid, outcome);
    if (PROFILE) addTime('all: handler.process', processStarted);

    outcome.rejections.sort((a, b) => a.row - b.row);
    await timed('phase: report (rejections, flags)', async () => {
      await saveRejections(manager, current.id, outcome.rejections);
      await saveFlags(manager, current.id, outcome.flags);
    });
    if (!current.dryRun) {
      await timed('phase: saveSources + saveImportOfficers', async () => {
        await saveSources(manager, current.id, current.kind, outcome.sources);
        await saveImportOfficers(manager, current.id, outcome.officers);
      });
    }
    await advanceImport(manager, current.id, {
      processed: rows.length,
      accepted: outcome.accepted.length,
      unchanged: outcome.unchanged.length,
      rejected: outcome.rejections.length,
      flagged: outcome.flags.length,
    });
    await manager.query(`DELETE FROM import_row WHERE import_id = $1 AND row_no BETWEEN $2 AND $3`, [current.id, rows[0].row, rows[rows.length - 1].row]);
    if (current.dryRun || outcome.created.length === 0) return;
    // One entry per chunk, naming every row it wrote and the record that row became (DOMAIN.md "Audit").
    const auditStarted = process.hrtime.bigint();
    await this.audit.record(manager, ctx.actor, {
      action: 'import.chunk',
      entityType: 'import',
      entityId: current.id,
      details: {
        kind: current.kind,
        basis: 'import',
        rows: { from: rows[0].row, to: rows[rows.length - 1].row },
        accepted: outcome.accepted.length,
        unchanged: outcome.unchanged.length,
        rejected: outcome.rejections.length,
        created: outcome.created,
      },
    });
    if (PROFILE) addTime('phase: audit entry (hash chain + INSERT)', auditStarted);
  }

  private async finish(manager: EntityManager, current: DataImportEntity): Promise<void> {
    await manager.update(DataImportEntity, { id: current.id }, { status: 'succeeded', finishedAt: this.clock.now() });
    const counts = await manager.findOneByOrFail(DataImportEntity, { id: current.id });
    await this.audit.record(manager, actorOf(current), {
      action: 'import.finish',
      entityType: 'import',
      entityId: current.id,
      details: {
        kind: current.kind,
        dryRun: current.dryRun,
        total: counts.total,
        accepted: counts.accepted,
        unchanged: counts.unchanged,
        rejected: counts.rejected,
        flagged: counts.flagged,
      },
    });
  }
}

function duplicateField(kind: ImportKind): string {
  switch (kind) {
    case 'officers':
    case 'final_actions':
      return 'sourceId';
    case 'training':
      return 'externalRef';
    case 'employments':
      return 'startDate';
    case 'certifications':
      return 'officerSourceId';
  }
}

/** The import's starter, for the audit entries its job writes later. */
export function actorOf(current: DataImportEntity): Actor {
  return {
    kind: current.actorKind,
    id: current.actorId ?? 'system',
    organizationId: current.organizationId ?? '',
    organizationType: 'commission',
    roles: ['commission_admin'],
  };
}
