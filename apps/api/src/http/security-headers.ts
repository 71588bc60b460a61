import type { ServerResponse } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';

/**
 * helmet's security headers on every response. helmet computes them; because every directive
 * here is a constant (no per-request nonce), they are computed once at start-up and copied
 * onto each reply. Running the middleware per request re-serialised the CSP and called
 * `setHeader` a dozen times (~3% of a GET /me in a CPU profile under `npm run bench:me`); the
 * @fastify/helmet plugin, before that, also rebuilt the middleware per request. A directive
 * that must vary per request (a nonce function) would need the middleware back per request.
 */
export function registerSecurityHeaders(app: NestFastifyApplication): void {
  const headers = securityHeaders();
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });
}

/** What helmet sets on a response, captured once. (It also removes X-Powered-By, which Fastify never sends.) */
export function securityHeaders(): Record<string, string> {
  const applyHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // Not upgrade-insecure-requests: a plain-HTTP deployment on a LAN would lose its own assets.
        upgradeInsecureRequests: null,
      },
    },
  });
  const headers: Record<string, string> = {};
  const capture = { setHeader: (name: string, value: string) => (headers[name] = value), removeHeader: () => undefined };
  let failure: unknown;
  applyHeaders({} as never, capture as unknown as ServerResponse, (error?: unknown) => (failure = error));
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error('helmet refused its configuration', { cause: failure });
  return headers;
}
