import { CsvError, parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { headerProblems, ImportFormat, ImportKind, MAX_IMPORT_ROWS, stagingKey } from './domain/import-kinds';
import { importEmpty, importHeaderInvalid, importMalformed, importTooManyRows } from './domain/imports.errors';

/**
 * The uploaded file, read as it arrives and turned into `COPY import_row FROM STDIN` text, a
 * block of lines at a time: the body is never held whole (API.md: up to 1 GiB). Each data row
 * becomes `row_no, source key, the row as JSON`. A CSV header that does not fit the kind, a
 * file that cannot be read or one over MAX_IMPORT_ROWS throws: the caller's COPY and its
 * transaction fail, so nothing of the file is kept.
 */
export interface StagingProgress {
  rows: number;
}

/** Lines are sent to COPY in blocks of about this many characters. */
const BLOCK_CHARS = 256 * 1024;
/** One CSV record (or NDJSON line) longer than this is a damaged file, not a record. */
const MAX_RECORD_CHARS = 256 * 1024;

/** `linePrefix`: the columns every line starts with (the import's id and a tab). */
export async function* stagedCopyText(
  kind: ImportKind,
  format: ImportFormat,
  body: Readable,
  progress: StagingProgress,
  linePrefix = '',
): AsyncGenerator<string> {
  let block = '';
  for await (let record of format === 'csv' ? csvRecords(kind, body) : ndjsonRecords(body)) {
    if (progress.rows === MAX_IMPORT_ROWS) throw importTooManyRows();
    progress.rows += 1;
    if ('data' in record && !storable(record.data)) record = { error: 'the row holds a NUL character or broken Unicode' };
    const key = 'error' in record ? null : stagingKey(kind, record.data);
    block += `${linePrefix}${progress.rows}\t${key === null ? '\\N' : copyEscape(key)}\t${copyEscape(JSON.stringify('error' in record ? { $error: record.error } : record.data))}\n`;
    if (block.length >= BLOCK_CHARS) {
      yield block;
      block = '';
    }
  }
  if (progress.rows === 0) throw importEmpty();
  if (block.length > 0) yield block;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** PostgreSQL text and jsonb hold neither NUL nor a lone surrogate (an NDJSON escape can carry both). */
function storable(data: Record<string, unknown>): boolean {
  const ok = (text: string) => !text.includes('\u0000') && !LONE_SURROGATE.test(text);
  return Object.entries(data).every(([key, value]) => ok(key) && (typeof value !== 'string' || ok(value)));
}

/** COPY's text format: backslash, and the tab, newline and carriage return it separates with. */
export function copyEscape(text: string): string {
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

type SourceRecord = { data: Record<string, unknown> } | { error: string };

async function* csvRecords(kind: ImportKind, body: Readable): AsyncGenerator<SourceRecord> {
  const parser = parse({ bom: true, relax_column_count: false, skip_empty_lines: true, max_record_size: MAX_RECORD_CHARS });
  body.on('error', (error) => parser.destroy(error));
  body.pipe(parser);
  let header: string[] | undefined;
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      if (!header) {
        header = fields.map((name) => name.trim());
        const problems = headerProblems(kind, header);
        if (problems.length > 0) throw importHeaderInvalid(kind, problems);
        continue;
      }
      const data: Record<string, unknown> = {};
      header.forEach((name, index) => {
        if (fields[index] !== '') data[name] = fields[index];
      });
      yield { data };
    }
  } catch (error) {
    body.unpipe(parser);
    if (error instanceof CsvError) throw importMalformed(error.message);
    throw error;
  }
  if (!header) throw importEmpty();
}

async function* ndjsonRecords(body: Readable): AsyncGenerator<SourceRecord> {
  let first = true;
  for await (const raw of lines(body)) {
    const line = first ? raw.replace(/^\uFEFF/, '') : raw;
    first = false;
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      yield { error: 'the line is not valid JSON' };
      continue;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) yield { error: 'each line must be one JSON object' };
    else if (Object.values(parsed).some((value) => value !== null && typeof value === 'object'))
      yield { error: 'each field must be a string, number, boolean or null' };
    else yield { data: parsed as Record<string, unknown> };
  }
}

/** The body's lines (LF or CRLF), UTF-8; a line longer than MAX_RECORD_CHARS refuses the file (it would have to be held whole). */
async function* lines(body: Readable): AsyncGenerator<string> {
  body.setEncoding('utf8');
  let pending = '';
  for await (const chunk of body as AsyncIterable<string>) {
    pending += chunk;
    let start = 0;
    for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n', start)) {
      yield pending.slice(start, end).replace(/\r$/, '');
      start = end + 1;
    }
    pending = pending.slice(start);
    if (pending.length > MAX_RECORD_CHARS) throw importMalformed(`a line is longer than ${MAX_RECORD_CHARS} characters`);
  }
  if (pending.length > 0) yield pending.replace(/\r$/, '');
}
