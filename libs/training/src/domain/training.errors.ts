import { ConflictError, InvalidInputError, invalidRequest, NotFoundError, RuleViolationError } from '@app/core';
import { COMPLETION_FIELDS, FieldError, MAX_BATCH_RECORDS } from './completion-record';

export const courseCodeTaken = (code: string) => new ConflictError('COURSE.CODE_TAKEN', `A course with code ${code} already exists.`);

export const externalRefConflict = (externalRef: string) =>
  new ConflictError(
    'TRAINING.EXTERNAL_REF_CONFLICT',
    `Your academy already recorded externalRef ${externalRef} with different content; a correction needs a new externalRef.`,
    { externalRef },
  );

export const completionInvalid = (errors: FieldError[]) => invalidRequest(errors.map(({ field, message }) => ({ field, message })));

/** 422: well-formed, but the registry does not know the officer or the course, or the date is ahead of today. */
export const completionRefused = (errors: FieldError[]) =>
  new RuleViolationError(
    'TRAINING.COMPLETION_REFUSED',
    errors.map((error) => error.message).join('; '),
    errors.map((error) => error.reason),
    { errors: errors.map(({ field, reason, message }) => ({ field, reason, message })) },
  );

export const batchTooLarge = (received: string) =>
  new InvalidInputError('TRAINING.BATCH_TOO_LARGE', `A batch holds at most ${MAX_BATCH_RECORDS} records; this one has ${received}. Nothing was stored.`, [
    { field: 'records', message: `at most ${MAX_BATCH_RECORDS} records per batch` },
  ]);

export const batchEmpty = () =>
  new InvalidInputError('TRAINING.BATCH_EMPTY', 'The batch holds no records.', [{ field: 'records', message: 'at least 1 record is required' }]);

/* The request body of a batch (apps/api reads JSON or CSV before the service sees a record). */

export const batchBodyNotRecords = () =>
  new InvalidInputError('REQUEST.INVALID', 'Send {"records": [...]} as JSON, or a CSV file as text/csv.', [
    { field: 'records', message: 'records must be an array' },
  ]);

export const csvMalformed = (message: string) =>
  new InvalidInputError('TRAINING.CSV_MALFORMED', `The CSV cannot be read: ${message}. Nothing was stored.`, [{ field: 'body', message }]);

export const csvHeaderInvalid = (hint: string, errors: { field: string; message: string }[]) =>
  new InvalidInputError(
    'TRAINING.CSV_HEADER_INVALID',
    `The CSV header row must name exactly these columns: ${COMPLETION_FIELDS.join(', ')}.${hint} Nothing was stored.`,
    errors,
  );

export const csvEmpty = () =>
  new InvalidInputError('TRAINING.BATCH_EMPTY', `The CSV is empty: send a header row (${COMPLETION_FIELDS.join(',')}) and at least one data row.`, [
    { field: 'body', message: 'empty CSV' },
  ]);

export const completionNotFound = (id: string) => new NotFoundError('TRAINING.COMPLETION_NOT_FOUND', `No training completion ${id}.`);

/** 409: the first void stands; a correction is a new completion with a new externalRef. */
export const alreadyVoided = (id: string) =>
  new ConflictError(
    'TRAINING.ALREADY_VOIDED',
    `Training completion ${id} is already voided; record the correction as a new completion with a new externalRef.`,
  );
