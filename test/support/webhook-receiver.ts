import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver answered; null: it never answered (`hang`). */
  status: number | null;
  /** performance.timeOrigin-based milliseconds (Date.now()) when it arrived. */
  at: number;
}

/** A status to answer, or `hang`: keep the request open and never answer (a receiver that is stuck). */
export type Responder = (request: { path: string; webhookId: string; seen: number }) => number | 'hang';

export interface WebhookReceiver {
  port: number;
  url(path?: string): string;
  received: ReceivedWebhook[];
  respond: Responder;
  /** The requests that carried this webhook-id, in arrival order. */
  byId(webhookId: string): ReceivedWebhook[];
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1 that records every webhook request (on `port` when given: a receiver brought back). */
export async function startWebhookReceiver(respond: Responder = () => 200, port = 0): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const seen = new Map<string, number>();
  const receiver = { respond } as WebhookReceiver;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const webhookId = String(request.headers['webhook-id'] ?? '');
      const count = (seen.get(webhookId) ?? 0) + 1;
      seen.set(webhookId, count);
      const path = request.url ?? '/';
      const answer = receiver.respond({ path, webhookId, seen: count });
      received.push({
        path,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        status: answer === 'hang' ? null : answer,
        at: Date.now(),
      });
      if (answer !== 'hang') response.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return Object.assign(receiver, {
    port: actualPort,
    url: (path = '/hook') => `http://127.0.0.1:${actualPort}${path}`,
    received,
    byId: (webhookId: string) => received.filter((request) => request.headers['webhook-id'] === webhookId),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}
