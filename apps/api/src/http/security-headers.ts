import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';

/**
 * helmet's security headers on every response. The middleware is built once here: the
 * @fastify/helmet plugin rebuilds it (and re-parses the CSP directives) on every request
 * through two hooks, which was ~3% of the CPU of a GET /me in a profile under `npm run bench:me`.
 */
export function registerSecurityHeaders(app: NestFastifyApplication): void {
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
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => applyHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined)));
}
