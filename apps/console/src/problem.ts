import type { components } from '../../../client';

export type Problem = components['schemas']['Problem'];

/** A refusal from the registry (application/problem+json), or a failure to reach it, as one error type. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
  get status(): number {
    return this.problem.status;
  }
  get code(): string {
    return this.problem.code;
  }
}

export const unreachable = (): Problem => ({
  type: 'about:blank',
  title: 'Network error',
  status: 0,
  code: 'CONSOLE.UNREACHABLE',
  detail: 'The registry could not be reached. Check the connection and try again; nothing was saved.',
});

/** Whatever came back, as a problem: the registry's own body when it sent one. */
export function toProblem(body: unknown, response: Response): Problem {
  if (body && typeof body === 'object' && 'detail' in body && 'status' in body) return body as Problem;
  return {
    type: 'about:blank',
    title: response.statusText || 'Error',
    status: response.status,
    code: `HTTP.${response.status}`,
    detail:
      response.status >= 500 ? 'The registry had a problem answering. Try again in a moment; nothing was saved.' : `The registry answered ${response.status}.`,
  };
}

/** `errors[]` of a 400, by field name (the DTO's property path, e.g. `firstName` or `aliases.0.lastName`). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const byField: Record<string, string> = {};
  for (const { field, message } of error.problem.errors ?? []) byField[field] = byField[field] ? `${byField[field]} ${message}` : message;
  return byField;
}
