import { ConflictError, invalidRequest, NotFoundError, RuleViolationError } from '@app/core';
import { HIRING_CHECK_VALID_DAYS, HireStartProblem } from './hire-guard';
import type { HiringReason, HiringWarning } from './hiring-answer';

/** Unknown and another agency's read the same (API.md: never leak existence across organizations). */
export const hiringCheckNotFound = () => new NotFoundError('HIRING_CHECK.NOT_FOUND', 'No such hiring check for your agency.');

export const invalidHiringCheckQuery = (errors: { field: string; message: string }[]) => invalidRequest(errors);

export const hiringCheckMissingOrStale = () =>
  new RuleViolationError(
    'EMPLOYMENT.HIRING_CHECK_REQUIRED',
    `A hire needs your agency's own hiring check of this officer, made within the last ${HIRING_CHECK_VALID_DAYS} days.`,
    [{ code: 'hiring_check_missing_or_stale' }],
  );

/** c. 6E §4(d), §11: no agency may employ an officer who is not certified, or who is decertified. */
export const notHireable = (reasons: HiringReason[]) =>
  new RuleViolationError(
    'EMPLOYMENT.NOT_HIREABLE',
    `The officer is not hireable: ${reasons.map((r) => r.code).join(', ')}.`,
    reasons as unknown as Record<string, unknown>[],
  );

export const alreadyEmployed = () =>
  new ConflictError('EMPLOYMENT.ALREADY_EMPLOYED', 'Your agency already employs this officer; record the separation before a new employment.');

export const hireStartOutsideCheck = (problems: HireStartProblem[], checkedOn: string) =>
  new RuleViolationError(
    'EMPLOYMENT.START_DATE_OUTSIDE_CHECK',
    `The start date must be on or after the hiring check (${checkedOn}) and at most ${HIRING_CHECK_VALID_DAYS} days after it.`,
    problems.map((code) => ({ code, checkedOn })),
  );

/** DOMAIN.md "Hiring checks": warnings do not block, but they must be seen before the hire. */
export const hiringCheckOutdated = (warnings: HiringWarning[]) =>
  new RuleViolationError(
    'EMPLOYMENT.HIRING_CHECK_OUTDATED',
    `The officer's record has changed since your hiring check (${warnings.map((w) => w.code).join(', ')}): make a new check and review it before the hire.`,
    [{ code: 'warnings_since_check', warnings }],
  );

/** c. 6E §4(d): the certification must be current on the first day of the employment. */
export const certificationEndsBeforeStart = (expiresOn: string | null) =>
  new RuleViolationError(
    'EMPLOYMENT.CERTIFICATION_ENDS_BEFORE_START',
    `The officer's certification ends${expiresOn ? ` on ${expiresOn}` : ''}, before the start date: renew it first, or start earlier.`,
    [{ code: 'certification_ends_before_start', expiresOn }],
  );

/** An unknown organization, one that is not an agency, and another agency's roster read the same. */
export const rosterNotFound = () => new NotFoundError('ROSTER.NOT_FOUND', 'No such agency roster.');
