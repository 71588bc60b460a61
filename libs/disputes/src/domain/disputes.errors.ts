import { ConflictError, NotFoundError, RuleViolationError } from '@app/core';
import { DisputeSubjectProblem } from './dispute';

export const disputeNotFound = () => new NotFoundError('DISPUTE.NOT_FOUND', 'No such dispute.');
/** The record a dispute names is not the officer's own (or does not exist): the same 404 either way. */
export const disputeSubjectNotFound = () => new NotFoundError('DISPUTE.SUBJECT_NOT_FOUND', 'No such record in your record.');
export const disputeSubjectInvalid = (problem: DisputeSubjectProblem) =>
  new RuleViolationError(
    'DISPUTE.SUBJECT_INVALID',
    problem === 'subject_id_required'
      ? 'A dispute about a training completion, an employment or a misconduct report names its id.'
      : 'A dispute about the identity or the certification names no id.',
    [problem],
  );
export const disputeAlreadyOpen = () =>
  new ConflictError('DISPUTE.ALREADY_OPEN', 'A dispute about this part of the record is already open; the commission resolves it first.');
export const disputeAlreadyResolved = () => new ConflictError('DISPUTE.ALREADY_RESOLVED', 'The dispute is already resolved.');
export const DISPUTE_ERROR_CODES = [
  'DISPUTE.NOT_FOUND',
  'DISPUTE.SUBJECT_NOT_FOUND',
  'DISPUTE.SUBJECT_INVALID',
  'DISPUTE.ALREADY_OPEN',
  'DISPUTE.ALREADY_RESOLVED',
] as const;
