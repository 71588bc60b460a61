import { PayloadTooLargeException } from '@nestjs/common';
import { importMediaTypeInvalid, MAX_IMPORT_BYTES } from '@app/imports';
import type { ImportFormat } from '@app/imports';
import type { FastifyRequest } from 'fastify';
import { Readable, Transform } from 'node:stream';

export const NDJSON_MEDIA_TYPE = 'application/x-ndjson';

/** The route's path under whatever global prefix the app mounts (CSV and NDJSON reach it as the raw stream). */
export const IMPORT_ROUTE_SUFFIX = '/imports';

/**
 * The upload as a stream, counted: past MAX_IMPORT_BYTES it fails with a 413, and the
 * import's transaction with it (nothing of the file is kept). Any other media type is a 400.
 */
export function importBody(request: FastifyRequest): { format: ImportFormat; body: Readable } {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const format: ImportFormat | undefined = mediaType === 'text/csv' ? 'csv' : mediaType === NDJSON_MEDIA_TYPE ? 'ndjson' : undefined;
  const stream = request.body as Readable | undefined;
  if (!format || !stream || typeof stream.pipe !== 'function') throw importMediaTypeInvalid();
  // A declared length over the limit is refused before a byte is read; a chunked body is counted as it arrives.
  if (Number(request.headers['content-length'] ?? 0) > MAX_IMPORT_BYTES) throw new PayloadTooLargeException();
  let bytes = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > MAX_IMPORT_BYTES) done(new PayloadTooLargeException());
      else done(null, chunk);
    },
  });
  stream.on('error', (error) => counted.destroy(error));
  return { format, body: stream.pipe(counted) };
}
