import { PayloadTooLargeException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  batchBodyNotRecords,
  batchTooLarge,
  BatchSubmission,
  COMPLETION_FIELDS,
  CompletionField,
  csvEmpty,
  csvHeaderInvalid,
  csvMalformed,
  hoursFromText,
  MAX_BATCH_RECORDS,
} from '@app/training';
import { validate } from 'class-validator';
import { CsvError, parse } from 'csv-parse';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { flattenValidationErrors, invalidRequest } from '../http/validation';
import { IMPORT_ROUTE_SUFFIX, NDJSON_MEDIA_TYPE } from '../imports/import-body';
import { TrainingBatchJsonDto } from './dto/training-completion.dto';

const CSV_MEDIA_TYPE = 'text/csv';
/** The route's path under whatever global prefix the app mounts. */
const CSV_ROUTE_SUFFIX = '/training-completions/batch';

/**
 * `text/csv` bodies reach the batch handler (and imports) as the raw request stream, so that
 * csv-parse reads the rows as they arrive and a 10,001st row stops the upload without
 * buffering it; `application/x-ndjson` reaches imports the same way. Every other route keeps
 * refusing both with 415, as before.
 */
export function registerCsvBodyParser(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addContentTypeParser(CSV_MEDIA_TYPE, (request, payload, done) => {
    if (request.routeOptions.url?.endsWith(CSV_ROUTE_SUFFIX) || request.routeOptions.url?.endsWith(IMPORT_ROUTE_SUFFIX)) return done(null, payload);
    done(Object.assign(new Error('Unsupported Media Type'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }));
  });
  fastify.addContentTypeParser(NDJSON_MEDIA_TYPE, (request, payload, done) => {
    // NDJSON is an import's format only (API.md "Imports").
    if (request.routeOptions.url?.endsWith(IMPORT_ROUTE_SUFFIX)) return done(null, payload);
    done(Object.assign(new Error('Unsupported Media Type'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }));
  });
}

/** The batch endpoint's two forms, reduced to untrusted records for the training service. */
export async function readTrainingBatch(request: FastifyRequest): Promise<BatchSubmission> {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  // The server-wide body limit (413) applies to CSV too, though Fastify does not read this body itself.
  if (mediaType === CSV_MEDIA_TYPE) return { format: 'csv', records: await readCsvRecords(request.body as Readable, request.routeOptions.bodyLimit) };
  return { format: 'json', records: await readJsonRecords(request.body) };
}

async function readJsonRecords(body: unknown): Promise<unknown[]> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw batchBodyNotRecords();
  }
  const records = (body as { records?: unknown }).records;
  if (Array.isArray(records) && records.length > MAX_BATCH_RECORDS) throw batchTooLarge(String(records.length));
  // Only the envelope: each record is judged on its own by the training service.
  const errors = await validate(Object.assign(new TrainingBatchJsonDto(), body), { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw invalidRequest(flattenValidationErrors(errors));
  return records as unknown[];
}

async function readCsvRecords(stream: Readable | undefined, bodyLimit: number): Promise<unknown[]> {
  if (!stream || typeof stream.pipe !== 'function') throw csvEmpty();
  const parser = parse({
    bom: true,
    trim: true,
    skip_empty_lines: true,
    // Strict: a row with more or fewer fields than the header is a damaged file (an unquoted comma), not a row to guess at.
    relax_column_count: false,
    max_record_size: 64 * 1024,
  });
  let bytes = 0;
  let tooLarge = false;
  const countBytes = (chunk: Buffer) => {
    bytes += chunk.length;
    if (bytes > bodyLimit && !tooLarge) {
      tooLarge = true;
      stream.unpipe(parser);
      parser.destroy(new PayloadTooLargeException());
    }
  };
  stream.on('data', countBytes);
  stream.pipe(parser);

  let header: CompletionField[] | undefined;
  const records: Record<string, unknown>[] = [];
  try {
    for await (const fields of parser as AsyncIterable<string[]>) {
      if (!header) {
        header = checkHeader(fields);
        continue;
      }
      if (records.length === MAX_BATCH_RECORDS) throw batchTooLarge(`more than ${MAX_BATCH_RECORDS}`);
      records.push(toRecord(header, fields));
    }
  } catch (error) {
    // Stop reading: Node discards the rest of the body once the error response is sent.
    stream.unpipe(parser);
    stream.off('data', countBytes);
    if (tooLarge) throw new PayloadTooLargeException();
    if (error instanceof CsvError) {
      throw csvMalformed(error.message);
    }
    throw error;
  } finally {
    stream.off('data', countBytes);
  }
  if (!header) throw csvEmpty();
  return records;
}

/** Exactly the six field names, in any order, each once. */
function checkHeader(fields: string[]): CompletionField[] {
  const known = COMPLETION_FIELDS as readonly string[];
  const errors: { field: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const name of fields) {
    const shown = name.length > 80 ? `${name.slice(0, 80)}…` : name;
    if (!known.includes(name)) errors.push({ field: shown || '(empty)', message: `unknown column "${shown}"` });
    else if (seen.has(name)) errors.push({ field: name, message: `column ${name} appears twice` });
    seen.add(name);
  }
  for (const field of COMPLETION_FIELDS) if (!seen.has(field)) errors.push({ field, message: `missing column ${field}` });
  if (!errors.length) return fields as CompletionField[];
  const delimiter = fields.length === 1 ? /[;\t|]/.exec(fields[0])?.[0] : undefined;
  const hint = delimiter ? ` The header reads as one column: separate fields with commas, not ${JSON.stringify(delimiter)}.` : '';
  throw csvHeaderInvalid(hint, errors);
}

/** CSV is text: hours become a number when they look like one; an empty cell is a missing value. */
function toRecord(header: CompletionField[], fields: string[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  header.forEach((name, index) => {
    const value = fields[index];
    if (value === '') return;
    record[name] = name === 'hours' ? hoursFromText(value) : value;
  });
  return record;
}
