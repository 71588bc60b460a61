import { ConflictError, InvalidInputError, RuleViolationError } from '@app/core';
import { FieldError, MAX_BATCH_RECORDS } from './completion-record';

export const courseCodeTaken = (code: string) => new ConflictError('COURSE.CODE_TAKEN', `A course with code ${code} already exists.`);

export const externalRefConflict = (externalRef: string) =>
  new ConflictError(
    'TRAINING.EXTERNAL_REF_CONFLICT',
    `Your academy already recorded externalRef ${externalRef} with different content; a correction needs a new externalRef.`,
    { externalRef },
  );

export const completionInvalid = (errors: FieldError[]) =>
  new InvalidInputError(
    'REQUEST.INVALID',
    'The request is invalid; see errors[] for each field.',
    errors.map(({ field, message }) => ({ field, message })),
  );

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
