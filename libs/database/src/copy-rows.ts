import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';

/** A value as COPY's text format reads it: null is `\N`; strings escaped; dates, numbers and booleans as their text. */
export type CopyValue = string | number | boolean | null;

const BLOCK_CHARS = 256 * 1024;

/**
 * Bulk inserts through `COPY table (columns) FROM STDIN` on the caller's transaction's connection
 * (`manager` of `dataSource.transaction(...)`): PostgreSQL's multi-insert path, several times
 * cheaper per row than `INSERT … SELECT FROM unnest(...)` for thousands of rows (issue 18: an
 * import chunk's writes). Column defaults fill what `columns` leaves out; constraints, foreign
 * keys and triggers hold as for an INSERT; a violation fails the statement and the transaction.
 * `table` and `columns` are the caller's SQL, never input.
 */
export async function copyRows(manager: EntityManager, table: string, columns: readonly string[], rows: readonly (readonly CopyValue[])[]): Promise<void> {
  if (rows.length === 0) return;
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('copyRows needs the EntityManager of an open transaction');
  const client = (await runner.connect()) as PoolClient;
  await pipeline(Readable.from(copyText(rows)), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
}

function* copyText(rows: readonly (readonly CopyValue[])[]): Generator<string> {
  let block = '';
  for (const row of rows) {
    block += `${row.map(copyField).join('\t')}\n`;
    if (block.length >= BLOCK_CHARS) {
      yield block;
      block = '';
    }
  }
  if (block.length > 0) yield block;
}

function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}
