import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from '@app/runtime';
import { Logger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { ApiModule } from './api.module';
import { registerConsole } from './console/serve-console';
import { createRootLogger, RequestLogController } from './http/logging';
import { registerJsonBodyParser } from './http/json-body';
import { generateRequestId } from './http/request-id';
import { registerSecurityHeaders } from './http/security-headers';
import { createValidationPipe } from './http/validation';
import { buildOpenApiDocument } from './openapi/openapi-document';
import { registerCsvBodyParser } from './training/batch-body';

/** 4 MiB: a 10,000-row training batch fits; anything larger is a 413. */
export const BODY_LIMIT_BYTES = 4 * 1024 * 1024;
export const API_PREFIX = 'api/v1';

/** Builds the HTTP application (used by main.ts and by every e2e test, so both run the same stack). */
export async function createApp(
  config: AppConfig,
  options: {
    configure?: (module: ReturnType<typeof ApiModule.register>) => void;
    logDestination?: DestinationStream;
    /**
     * Nest's preview mode: the modules, routes and prefixes without creating a provider (no
     * database connection, no job). Enough to build the OpenAPI document (`npm run openapi`).
     */
    preview?: boolean;
  } = {},
): Promise<NestFastifyApplication> {
  const logger = createRootLogger(config.logLevel, options.logDestination);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new RequestLogController(),
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: generateRequestId,
    trustProxy: config.trustProxy,
    // Long path parameters reach the DTO validation (a 400 problem) instead of Fastify's bare 414.
    routerOptions: { maxParamLength: 1000 },
  });
  const module = ApiModule.register(config, logger);
  options.configure?.(module);
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true, abortOnError: false, preview: options.preview });
  // In preview mode no provider exists, the logger neither; the buffered logs are never written.
  if (!options.preview) app.useLogger(app.get(Logger));
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', async (request, reply) => {
      reply.header('X-Request-Id', request.id);
      // API.md: every authenticated response is no-store (a shared cache must never keep a restricted record).
      if (request.headers.authorization !== undefined || request.headers['x-api-key'] !== undefined) reply.header('Cache-Control', 'no-store');
    });
  registerSecurityHeaders(app);
  registerConsole(app);
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'health/live', '/', 'assets/*path'] });
  app.useGlobalPipes(createValidationPipe());
  registerJsonBodyParser(app, BODY_LIMIT_BYTES);
  registerCsvBodyParser(app);
  setUpOpenApi(app);
  return app;
}

/** The document is built on the first request to /docs or /docs-json, not at start-up (it scans every route and DTO). */
function setUpOpenApi(app: NestFastifyApplication): void {
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
