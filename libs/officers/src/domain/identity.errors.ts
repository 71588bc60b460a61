import { ConflictError, NotFoundError, RuleViolationError } from '@app/core';

export const possibleDuplicateNotFound = (id: string) => new NotFoundError('POSSIBLE_DUPLICATE.NOT_FOUND', `No possible duplicate ${id}.`);

export const possibleDuplicateResolved = (id: string, status: string) =>
  new ConflictError('POSSIBLE_DUPLICATE.RESOLVED', `Possible duplicate ${id} is already ${status}.`, { status });

/** DOMAIN.md "Identity changes and merges": a name takes effect on a day that has come. */
export const nameChangeInFuture = (effectiveOn: string, today: string) =>
  new RuleViolationError('OFFICER.NAME_CHANGE_IN_FUTURE', `A name change takes effect on a day that has come: ${effectiveOn} is after today (${today}).`, [
    'effective_on_in_future',
  ]);

export const identityUnchanged = () =>
  new RuleViolationError('OFFICER.IDENTITY_UNCHANGED', 'The request changes nothing: give a dateOfBirth or ssnLast4 different from the record.', [
    'nothing_to_change',
  ]);

export const aliasExists = () => new ConflictError('OFFICER.ALIAS_EXISTS', 'The officer already bears this name.');

/** 409: the record was merged already (two merges of one pair at once: the second finds the first's). */
export const alreadyMerged = (postId: string) =>
  new ConflictError('OFFICER.ALREADY_MERGED', `${postId} has already been merged into another record; its POST ID answers with that record.`);

export const mergeRefused = (reasons: string[]) =>
  new RuleViolationError('OFFICER.MERGE_REFUSED', `The records cannot be merged: ${reasons.join(', ')}.`, reasons);
