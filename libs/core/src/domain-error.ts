/**
 * The only error type libraries throw. `kind` decides the HTTP status in one place
 * (apps/api problem filter); `code` is stable and documented for clients
 * (e.g. `CASE.ILLEGAL_ACTION`). Libraries never import HTTP exceptions.
 */
export type DomainErrorKind =
  | 'invalid' // 400: well-formed JSON that breaks a field rule the DTO could not express
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'not_found' // 404: unknown or not visible to the caller
  | 'conflict' // 409: duplicate, version race, idempotency mismatch
  | 'rule' // 422: the rules refuse a well-formed request
  | 'unavailable'; // 503

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: DomainErrorKind,
    message: string,
    /** Extra members merged into the problem document (e.g. `reasons`, `allowedActions`). */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class NotFoundError extends DomainError {
  constructor(code: string, message: string) {
    super(code, 'not_found', message);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, extensions: Record<string, unknown> = {}) {
    super(code, 'conflict', message, extensions);
  }
}

export class ForbiddenError extends DomainError {
  constructor(code: string, message: string) {
    super(code, 'forbidden', message);
  }
}

/** A 422 with machine-readable reason codes: every unmet rule at once. */
export class RuleViolationError extends DomainError {
  constructor(
    code: string,
    message: string,
    readonly reasons: ReadonlyArray<string | Record<string, unknown>>,
    extensions: Record<string, unknown> = {},
  ) {
    super(code, 'rule', message, { reasons, ...extensions });
  }
}

export class InvalidInputError extends DomainError {
  constructor(
    code: string,
    message: string,
    readonly fieldErrors: { field: string; message: string }[] = [],
  ) {
    super(code, 'invalid', message, fieldErrors.length ? { errors: fieldErrors } : {});
  }
}

/** The 400 of every refused request body, query or path parameter, wherever it is refused. */
export const invalidRequest = (errors: { field: string; message: string }[]) =>
  new InvalidInputError('REQUEST.INVALID', 'The request is invalid; see errors[] for each field.', errors);
