import { InvalidInputError, NotFoundError } from '@app/core';
import { ImportKind, knownFields, MAX_IMPORT_ROWS } from './import-kinds';

export const importNotFound = () => new NotFoundError('IMPORT.NOT_FOUND', 'No such import.');

export const importHeaderInvalid = (kind: ImportKind, errors: { field: string; message: string }[]) =>
  new InvalidInputError(
    'IMPORT.CSV_HEADER_INVALID',
    `The CSV header row must name the columns of kind ${kind} (${knownFields(kind).join(', ')}; the optional ones may be left out). Nothing was stored.`,
    errors,
  );

export const importMalformed = (message: string) =>
  new InvalidInputError('IMPORT.MALFORMED', `The file cannot be read: ${message}. Nothing was stored.`, [{ field: 'body', message }]);

export const importEmpty = () =>
  new InvalidInputError('IMPORT.EMPTY', 'The file holds no rows. Nothing was stored.', [{ field: 'body', message: 'no data rows' }]);

export const importTooManyRows = () =>
  new InvalidInputError('IMPORT.TOO_MANY_ROWS', `An import holds at most ${MAX_IMPORT_ROWS} rows. Nothing was stored.`, [
    { field: 'body', message: `more than ${MAX_IMPORT_ROWS} rows` },
  ]);

export const importMediaTypeInvalid = () =>
  new InvalidInputError(
    'IMPORT.MEDIA_TYPE',
    'Send the file as text/csv (a header row, then one record a row) or application/x-ndjson (one JSON object a line).',
    [{ field: 'Content-Type', message: 'must be text/csv or application/x-ndjson' }],
  );
