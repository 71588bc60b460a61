import { FastifyRequest, LogController } from 'fastify';
import pino, { DestinationStream, Logger } from 'pino';
import { loggableError } from '@app/database';

/** Paths that must never reach a log line in clear (DOMAIN.md "What is public": restricted). */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.resetUrl',
  '*.activationUrl',
  '*.accessToken',
  '*.key',
  '*.dateOfBirth',
  '*.ssnLast4',
  '*.email',
  '*.disclosures',
];

/** The label of the request id in every request-scoped line (the same id as X-Request-Id and the audit log). */
export const REQUEST_ID_LOG_LABEL = 'requestId';

/**
 * The one pino logger of the process: Fastify's request logging writes through it, and
 * nestjs-pino (`useExisting`) hands it to Nest, so start-up lines, request lines and
 * application lines share one format, level and redaction.
 */
export function createRootLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' } };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * The URL as logged: the path, and the query's parameter names without their values. A query
 * is the client's to fill: a token pasted into a link, an email in a filter (issue 17: no
 * restricted value in any log); the names still tell an operator what was asked.
 */
export function loggableUrl(url: string): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const names = url
    .slice(start + 1)
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => `${pair.split('=')[0]}=[redacted]`);
  return `${url.slice(0, start)}?${names.join('&')}`;
}

/**
 * One line per request, when it completes, with method, URL, status and time; the liveness
 * probe is not logged. Fastify's default would also log a second line on arrival.
 *
 * Why Fastify's request logging and not pino-http (nestjs-pino's default): pino-http builds a
 * child logger per request that serialises and redacts the whole request at once, whether or
 * not anything is logged, and runs as an Express-style middleware through @fastify/middie; in a
 * CPU profile of `npm run bench:me` that was ~15% of a GET /me.
 */
export class RequestLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: REQUEST_ID_LOG_LABEL, disableRequestLogging: (request: FastifyRequest) => request.url === '/health/live' });
  }

  override incomingRequest(): void {
    // One line per request: the completion line carries everything.
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: Parameters<LogController['requestCompleted']>[2]): void {
    if (this.isLogDisabled(request)) return;
    const line = { req: { method: request.method, url: loggableUrl(request.url) }, res: reply, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: loggableError(error) }, 'request errored');
    else reply.log.info(line, 'request completed');
  }
}
