import { Agent as HttpAgent, IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { DELIVERY_TIMEOUT_MS } from './domain/retry-schedule';
import type { WebhookTarget } from './domain/webhook-target';

export interface SendResult {
  /** null: no answer (refused, reset, timed out, or the target was refused before connecting). */
  responseStatus: number | null;
  durationMs: number;
  /** Why there was no answer; kept in the delivery log's row, never shown to the receiver. */
  error: string | null;
}

/**
 * Kept-alive connections, one pool per checked address (the pool's key is the address, never the
 * name, so a connection made to yesterday's address is not reused for a name that now resolves
 * elsewhere). Idle sockets close after 4 s, before a receiver's usual 5-s keep-alive does.
 */
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 64, timeout: 4_000 };
const httpAgent = new HttpAgent(AGENT_OPTIONS);
const httpsAgent = new HttpsAgent(AGENT_OPTIONS);

/**
 * One attempt of a Standard Webhooks message: signed now (`webhook-timestamp` is the attempt's;
 * `webhook-id` and the body are the message's, the same on every attempt), POSTed to the address
 * checked a moment ago (never to a second lookup of the name, which a rebinding DNS could answer
 * differently), over TLS verified against the URL's name. No redirect is followed; a 2xx within
 * DELIVERY_TIMEOUT_MS is success.
 */
export function sendSigned(
  target: WebhookTarget,
  address: string,
  message: { id: string; body: string },
  secret: string,
  timeoutMs = DELIVERY_TIMEOUT_MS,
): Promise<SendResult> {
  const started = performance.now();
  const now = new Date();
  const url = new URL(target.url);
  const https = target.protocol === 'https:';
  const headers = {
    host: url.host,
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(message.body)),
    'user-agent': 'post-registry-webhooks/1',
    'webhook-id': message.id,
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(message.id, now, message.body),
  };
  const options = {
    method: 'POST',
    host: address,
    port: target.port,
    path: `${url.pathname}${url.search}`,
    headers,
    agent: https ? httpsAgent : httpAgent,
    ...(https && isIP(target.hostname) === 0 ? { servername: target.hostname } : {}),
  };
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (responseStatus: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ responseStatus, durationMs: Math.round(performance.now() - started), error });
    };
    const onResponse = (response: IncomingMessage) => {
      // The answer's body is not read, only drained (the connection is kept for the next attempt).
      response.resume();
      response.on('error', () => undefined);
      finish(response.statusCode ?? null, null);
    };
    const request = https ? httpsRequest(options, onResponse) : httpRequest(options, onResponse);
    const timer = setTimeout(() => {
      request.destroy(new Error('timeout'));
      finish(null, `timeout after ${timeoutMs} ms`);
    }, timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => finish(null, error.code ?? error.message.slice(0, 200)));
    request.end(message.body);
  });
}
