import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AccessControl, AuditService } from '@app/audit';
import { Actor, jsonCursor, Keyset, Page, timeAndIdKeyset } from '@app/core';
import { Jobs } from '@app/jobs';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { ImportFormat, ImportKind } from './domain/import-kinds';
import { importNotFound } from './domain/imports.errors';
import { timed } from './import-profile';
import { copyEscape, stagedCopyText } from './import-staging';
import { IMPORT_QUEUE } from './import-queue';
import { importAccess } from './imports.policy';
import { DataImportEntity } from './persistence/data-import.entity';
import { Flag, flagsPage, importOfficersPage, markDuplicateRows, Rejection, rejectionsPage } from './persistence/import.store';

export interface ImportView {
  id: string;
  kind: ImportKind;
  dryRun: boolean;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  total: number;
  processed: number;
  accepted: number;
  unchanged: number;
  rejected: number;
  flagged: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface ReceiveImportCommand {
  kind: ImportKind;
  dryRun: boolean;
  format: ImportFormat;
  body: Readable;
}

const IMPORTS_KEYSET = timeAndIdKeyset();
/** Rejections, flags and officers are listed by row number. */
const ROW_KEYSET = new Keyset<number>(
  jsonCursor(
    (parsed) => {
      const row = (parsed as { r?: unknown } | null)?.r;
      return typeof row === 'number' && Number.isInteger(row) && row >= 0 && row <= 2_147_483_647 ? row : undefined;
    },
    (row) => ({ r: row }),
  ),
);
const EXPORT_PAGE = 5_000;

/**
 * Imports of a state's existing records (API.md "Imports"), for the commission's
 * administrators: the file is streamed into the staging table in one transaction (nothing of a
 * refused file is kept), then processed in chunks by a durable job (`ImportChunksService`).
 */
@Injectable()
export class ImportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly access: AccessControl,
    private readonly jobs: Jobs,
  ) {}

  /** Streams the file into `import_row` (COPY) and queues its job, in one transaction: a refused file leaves neither. */
  async receive(actor: Actor, command: ReceiveImportCommand): Promise<ImportView> {
    await this.access.require(actor, { action: 'import.create', entityType: 'import', details: { kind: command.kind } }, importAccess(actor));
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      await runner.startTransaction();
      // A large file streams for minutes: this transaction's statements (the COPY) are not held to the per-statement limit.
      await runner.query(`SET LOCAL statement_timeout = 0`);
      const [{ id }] = await runner.manager.query<{ id: string }[]>(
        `INSERT INTO data_import (kind, dry_run, format, status, actor_kind, actor_id, organization_id) VALUES ($1, $2, $3, 'receiving', $4, $5, $6) RETURNING id`,
        [command.kind, command.dryRun, command.format, actor.kind, actor.id, actor.organizationId],
      );
      const progress = { rows: 0 };
      const lines = stagedCopyText(command.kind, command.format, command.body, progress, `${copyEscape(id)}\t`);
      await timed('upload: parse + COPY import_row', () =>
        pipeline(Readable.from(lines), client.query(copyFrom(`COPY import_row (import_id, row_no, source_key, data) FROM STDIN`))),
      );
      await timed('upload: markDuplicateRows', () => markDuplicateRows(runner.manager, id));
      await runner.query(`UPDATE data_import SET status = 'queued', total = $2 WHERE id = $1`, [id, progress.rows]);
      await this.audit.record(runner.manager, actor, {
        action: 'import.create',
        entityType: 'import',
        entityId: id,
        details: { kind: command.kind, dryRun: command.dryRun, format: command.format, total: progress.rows },
      });
      await this.jobs.sendInTransaction(runner.manager, IMPORT_QUEUE, { importId: id });
      // Read before the commit: a worker may start it the moment it commits, and the answer is `queued`.
      const queued = await runner.manager.findOneByOrFail(DataImportEntity, { id });
      await runner.commitTransaction();
      // A worker in this process starts it now, not at its next poll.
      this.jobs.wake(IMPORT_QUEUE);
      return toView(queued);
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  async get(actor: Actor, importId: string): Promise<ImportView> {
    await this.access.require(actor, { action: 'import.read', entityType: 'import', entityId: importId }, importAccess(actor));
    return toView(await this.require(importId));
  }

  async list(actor: Actor, query: { limit: number; cursor?: string }): Promise<Page<ImportView>> {
    await this.access.require(actor, { action: 'import.list', entityType: 'import' }, importAccess(actor));
    const after = IMPORTS_KEYSET.after(query.cursor);
    const qb = this.dataSource
      .getRepository(DataImportEntity)
      .createQueryBuilder('i')
      .where(`i.status <> 'receiving'`)
      .orderBy('i.createdAt', 'DESC')
      .addOrderBy('i.id', 'DESC');
    if (after) qb.andWhere('(i.createdAt, i.id) < (:at::timestamptz, :id::uuid)', { at: after.at, id: after.id });
    const page = await IMPORTS_KEYSET.page(
      query.limit,
      (limit) => qb.take(limit).getMany(),
      (last) => ({ at: last.createdAt.toISOString(), id: last.id }),
    );
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }

  async rejections(actor: Actor, importId: string, query: { limit: number; cursor?: string }): Promise<Page<Rejection>> {
    await this.access.require(actor, { action: 'import.read', entityType: 'import', entityId: importId }, importAccess(actor));
    await this.require(importId);
    const after = ROW_KEYSET.after(query.cursor) ?? 0;
    return ROW_KEYSET.page(
      query.limit,
      (limit) => rejectionsPage(this.dataSource.manager, importId, after, limit),
      (last) => last.row,
    );
  }

  async flags(actor: Actor, importId: string, query: { limit: number; cursor?: string }): Promise<Page<Flag>> {
    await this.access.require(actor, { action: 'import.read', entityType: 'import', entityId: importId }, importAccess(actor));
    await this.require(importId);
    const after = ROW_KEYSET.after(query.cursor) ?? 0;
    return ROW_KEYSET.page(
      query.limit,
      (limit) => flagsPage(this.dataSource.manager, importId, after, limit),
      (last) => last.row,
    );
  }

  /** `row,sourceId,field,reason,message`: one line per error, read a page at a time. */
  async rejectionsCsv(actor: Actor, importId: string): Promise<Readable> {
    await this.access.require(actor, { action: 'import.read', entityType: 'import', entityId: importId }, importAccess(actor));
    await this.require(importId);
    const manager = this.dataSource.manager;
    return Readable.from(
      csvLines(['row', 'sourceId', 'field', 'reason', 'message'], async (after) => {
        const page = await rejectionsPage(manager, importId, after, EXPORT_PAGE);
        return { last: page.at(-1)?.row, lines: page.flatMap((r) => r.errors.map((e) => [String(r.row), r.sourceId ?? '', e.field, e.reason, e.message])) };
      }),
    );
  }

  /** `sourceId,postId` for every officer the import created or found. */
  async officersCsv(actor: Actor, importId: string): Promise<Readable> {
    await this.access.require(actor, { action: 'import.read', entityType: 'import', entityId: importId }, importAccess(actor));
    await this.require(importId);
    const manager = this.dataSource.manager;
    return Readable.from(
      csvLines(['sourceId', 'postId'], async (after) => {
        const page = await importOfficersPage(manager, importId, after, EXPORT_PAGE);
        return { last: page.at(-1)?.row, lines: page.map((o) => [o.sourceId, o.postId]) };
      }),
    );
  }

  private async require(importId: string): Promise<DataImportEntity> {
    const found = await this.dataSource.manager.findOneBy(DataImportEntity, { id: importId });
    if (!found || found.status === 'receiving') throw importNotFound();
    return found;
  }
}

async function* csvLines(header: string[], pageAfter: (after: number) => Promise<{ last: number | undefined; lines: string[][] }>): AsyncGenerator<string> {
  yield `${header.join(',')}\n`;
  for (let after = 0; ;) {
    const { last, lines } = await pageAfter(after);
    if (lines.length > 0) yield lines.map((line) => line.map(csvCell).join(',')).join('\n') + '\n';
    if (last === undefined) return;
    after = last;
  }
}

/** Quoted when needed; a cell a spreadsheet would run as a formula is prefixed with a quote mark. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toView(row: DataImportEntity): ImportView {
  return {
    id: row.id,
    kind: row.kind,
    dryRun: row.dryRun,
    status: row.status === 'receiving' ? 'queued' : row.status,
    total: row.total,
    processed: row.processed,
    accepted: row.accepted,
    unchanged: row.unchanged,
    rejected: row.rejected,
    flagged: row.flagged,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
