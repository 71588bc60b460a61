import { createRegistryClient } from '../../../client';
import { ApiError, toProblem, unreachable } from './problem';
import { session } from './session';

/**
 * The console's one way to the registry: the generated client (client/index.ts), same origin.
 * The token is added per request (it changes at sign-in); a 401 to a request that carried one
 * means the token ended or was revoked, so the session expires and the sign-in opens over the
 * screen (the form stays as typed).
 */
export const api = createRegistryClient({ baseUrl: location.origin });

api.use({
  onRequest({ request }) {
    const token = session.token();
    if (token && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && request.headers.has('Authorization')) session.expire();
    return response;
  },
});

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The body of a 2xx, or an ApiError carrying the problem (network failures included). */
export async function ask<T>(request: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await request;
  } catch {
    throw new ApiError(unreachable());
  }
  if (!answer.response.ok) throw new ApiError(toProblem(answer.error, answer.response));
  return answer.data as T;
}

/** Offers text the console made (a CSV) as a download, with no server round trip. */
export function download(filename: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
