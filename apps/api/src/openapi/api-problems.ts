import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { ResponseObject } from '@nestjs/swagger';
import { Problem } from './problem.schema';

/** The error statuses the API documents; the filter (http/problem-details.filter.ts) answers each as problem+json. */
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

const PROBLEM_DESCRIPTIONS: Record<ProblemStatus, string> = {
  400: 'The request is invalid: `REQUEST.INVALID` with `errors[]` per field, or a route-specific code.',
  401: 'No valid credentials: `AUTH.UNAUTHENTICATED` (send a bearer token or an `X-API-Key`), or `AUTH.INVALID_CREDENTIALS` at login.',
  403: "The caller's role or organization may not do this (`AUTH.FORBIDDEN` or a route-specific code), or the caller must enrol a second factor first (`AUTH.MFA_ENROLMENT_REQUIRED`).",
  404: 'No such record, or one the caller may not see (the same answer for both).',
  409: 'A conflict: a duplicate, a stale `expectedVersion`, or an `Idempotency-Key` reused with another body.',
  413: 'The request body is larger than the service accepts (`REQUEST.TOO_LARGE`).',
  422: 'The rules refuse a well-formed request; `reasons[]` lists every unmet rule.',
  429: 'Too many requests from this client (`REQUEST.THROTTLED`); retry later.',
  503: 'The registry database is unavailable or overloaded (`SERVICE.UNAVAILABLE`); the `Retry-After` header says when to retry.',
};

/** The response object of one error status: the shared Problem schema as application/problem+json. */
export function problemResponse(status: ProblemStatus): ResponseObject {
  const response: ResponseObject = {
    description: PROBLEM_DESCRIPTIONS[status],
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(Problem) } } },
  };
  if (status === 503) response.headers = { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } } };
  return response;
}

/**
 * The errors a route answers because of what its service does (a 404 for an unknown record named
 * in the body, a 409 for a duplicate, a 422 for a refused rule). What follows from the route's
 * shape (authentication, roles, inputs, path parameters, throttling, the database) is added to
 * every operation by openapi/route-problems.ts; list here only what it cannot see.
 */
export const ApiProblems = (...statuses: ProblemStatus[]) =>
  applyDecorators(ApiExtraModels(Problem), ...statuses.map((status) => ApiResponse({ status, ...problemResponse(status) })));

export const ANSWERS_WITHOUT_DATABASE = 'openapi:answers-without-database';

/** The route answers without touching the database, so it never answers 503 (liveness). */
export const ApiAnswersWithoutDatabase = () => SetMetadata(ANSWERS_WITHOUT_DATABASE, true);
