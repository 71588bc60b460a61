import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, DomainErrorKind } from '@app/core';
import { isDatabaseUnavailable, isUniqueViolation, isUnstorableValue, loggableError, postgresErrorCode } from '@app/database';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MAX_JSON_DEPTH } from './json-body';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule: 422,
  unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  [extension: string]: unknown;
}

const problemType = (code: string) => `urn:post-registry:problem:${code}`;
const problemOf = (status: number, code: string, detail: string, instance?: string): ProblemDocument => ({
  type: problemType(code),
  title: TITLES[status],
  status,
  detail,
  code,
  instance,
});

/**
 * Every error leaves as application/problem+json (RFC 9457) with a stable `type`/`code`.
 * Never a stack trace, never a database message: unexpected errors are logged with the
 * request id and answered with a generic 500.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetailsFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(error, request);
    if (problem.status === 503) reply.header('Retry-After', '5');
    // RFC 9110 §11.6.1: a 401 names the scheme that would be accepted.
    if (problem.status === 401) reply.header('WWW-Authenticate', 'Bearer realm="post-registry"');
    if (problem.status >= 500 && problem.status !== 503) {
      this.logger.error({ err: loggableError(error), requestId: request.id }, 'unhandled error');
    } else if (problem.code === 'REQUEST.UNSTORABLE_VALUE') {
      // A value validation let through: the client's 400, logged so the missing rule gets written.
      this.logger.warn({ sqlState: postgresErrorCode(error), requestId: request.id }, 'value refused by the database');
    }
    reply.status(problem.status).header('Content-Type', 'application/problem+json').send(problem);
  }

  toProblem(error: unknown, request: FastifyRequest): ProblemDocument {
    const instance = request.url?.split('?')[0];
    if (error instanceof DomainError) {
      const status = STATUS_BY_KIND[error.kind];
      // Extensions first: a member named like a standard one (status, type) must never override it.
      return { ...error.extensions, type: problemType(error.code), title: TITLES[status], status, detail: error.message, code: error.code, instance };
    }
    if (error instanceof HttpException) return this.fromHttpException(error, instance);
    const fastifyStatus = (error as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      const code = (error as { code?: string }).code ?? 'REQUEST.INVALID';
      return {
        type: problemType(code),
        title: TITLES[fastifyStatus] ?? 'Bad Request',
        status: fastifyStatus,
        detail: describeFastifyError(code, fastifyStatus),
        code,
        instance,
      };
    }
    if (isUniqueViolation(error)) return problemOf(409, 'CONFLICT.DUPLICATE', 'The record already exists.', instance);
    if (isUnstorableValue(error)) {
      return problemOf(
        400,
        'REQUEST.UNSTORABLE_VALUE',
        'A value in the request cannot be stored: a NUL character, or a number, date or text out of range.',
        instance,
      );
    }
    if (isDatabaseUnavailable(error))
      return problemOf(503, 'SERVICE.UNAVAILABLE', 'The registry database is unavailable or overloaded; retry shortly.', instance);
    return problemOf(500, 'SERVICE.INTERNAL', 'An unexpected error occurred.', instance);
  }

  private fromHttpException(error: HttpException, instance?: string): ProblemDocument {
    const status: HttpStatus = error.getStatus();
    const code =
      status === HttpStatus.NOT_FOUND
        ? 'ROUTE.NOT_FOUND'
        : status === HttpStatus.TOO_MANY_REQUESTS
          ? 'REQUEST.THROTTLED'
          : status === HttpStatus.PAYLOAD_TOO_LARGE
            ? 'REQUEST.TOO_LARGE'
            : `HTTP.${status}`;
    const detail =
      status === HttpStatus.NOT_FOUND
        ? 'No such route.'
        : status === HttpStatus.TOO_MANY_REQUESTS
          ? 'Too many requests; slow down and retry later.'
          : error.message;
    return { type: problemType(code), title: TITLES[status] ?? 'Error', status, detail, code, instance };
  }
}

function describeFastifyError(code: string, status: number): string {
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is larger than the service accepts.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported Content-Type; send application/json.';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The JSON body is empty.';
    case 'REQUEST.TOO_DEEP':
      return `The JSON body is nested deeper than ${MAX_JSON_DEPTH} levels.`;
    default:
      return status === 400 ? 'The request body is not valid JSON.' : 'The request was refused.';
  }
}
