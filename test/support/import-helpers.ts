import { request as httpRequest } from 'node:http';
import { bearer, TestApp } from './test-app';

export interface ImportBody {
  id: string;
  kind: string;
  dryRun: boolean;
  status: string;
  total: number;
  processed: number;
  accepted: number;
  unchanged: number;
  rejected: number;
  flagged: number;
}

/** `POST /imports?kind=&dryRun=` with a CSV (string) or NDJSON (objects) body. */
export function postImport(t: TestApp, token: string, kind: string, body: string | unknown[], options: { dryRun?: boolean; contentType?: string } = {}) {
  const ndjson = Array.isArray(body);
  const text = ndjson ? body.map((row) => JSON.stringify(row)).join('\n') : body;
  return t
    .http()
    .post(`/api/v1/imports?kind=${kind}${options.dryRun ? '&dryRun=true' : ''}`)
    .set(bearer(token))
    .set('Content-Type', options.contentType ?? (ndjson ? 'application/x-ndjson' : 'text/csv'))
    .send(text);
}

/** Polls the import until it has finished. */
export async function awaitImport(t: TestApp, token: string, id: string, timeoutMs = 30_000): Promise<ImportBody> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const response = await t.http().get(`/api/v1/imports/${id}`).set(bearer(token));
    if (response.status !== 200) throw new Error(`GET /imports/${id}: ${response.status} ${JSON.stringify(response.body)}`);
    const body = response.body as ImportBody;
    if (body.status === 'succeeded' || body.status === 'failed') return body;
    if (Date.now() > until) throw new Error(`import ${id} still ${body.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts the import, expects 202, waits for it to end. */
export async function runImport(t: TestApp, token: string, kind: string, body: string | unknown[], options: { dryRun?: boolean } = {}): Promise<ImportBody> {
  const response = await postImport(t, token, kind, body, options);
  if (response.status !== 202) throw new Error(`POST /imports: ${response.status} ${JSON.stringify(response.body)}`);
  return awaitImport(t, token, (response.body as ImportBody).id);
}

export async function rejectionsOf(
  t: TestApp,
  token: string,
  id: string,
): Promise<{ row: number; sourceId: string | null; errors: { field: string; reason: string; message: string }[] }[]> {
  const response = await t.http().get(`/api/v1/imports/${id}/rejections?limit=500`).set(bearer(token));
  return response.body.items;
}

export const csv = (header: string, rows: string[]) => [header, ...rows].join('\n') + '\n';

/** POSTs an import whose body is produced chunk by chunk (never held whole), as a client streaming a large file would; `baseUrl` of a listening app. */
export function streamImport(
  baseUrl: string,
  token: string,
  kind: string,
  chunks: AsyncIterable<string> | Iterable<string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${baseUrl}/api/v1/imports?kind=${kind}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', ...bearer(token), ...headers },
    });
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => {
        request.destroy();
        try {
          resolve({ status: response.statusCode!, body: JSON.parse(text) as Record<string, unknown> });
        } catch {
          reject(new Error(`${response.statusCode}: ${text}`));
        }
      });
    });
    // The server may answer and close before the client has sent everything (a refusal up front).
    request.on('error', (error: NodeJS.ErrnoException) => (['EPIPE', 'ECONNRESET'].includes(error.code ?? '') ? undefined : reject(error)));
    void (async () => {
      for await (const chunk of chunks) {
        if (request.destroyed) return;
        if (!request.write(chunk)) await new Promise((resolve) => request.once('drain', resolve));
      }
      request.end();
    })().catch(reject);
  });
}
