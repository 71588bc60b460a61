import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';
import { buildAppConfig, validateEnvironment } from '@app/runtime';
import { createApp } from '../create-app';
import { buildOpenApiDocument } from './openapi-document';

/**
 * The document clients generate from (issue 16): built from the app in preview mode, as
 * `npm run openapi` builds it, with no database. (Jest compiles without the swagger CLI
 * plugin, so DTO members the plugin infers are absent here; openapi.json has them.)
 */
describe('OpenAPI document', () => {
  let app: NestFastifyApplication;
  let document: OpenAPIObject;
  const operations: { id: string; path: string; method: string; operation: OperationObject }[] = [];

  beforeAll(async () => {
    const config = buildAppConfig(validateEnvironment({ LOG_LEVEL: 'silent' }), {
      databaseUrl: 'postgres://unused@127.0.0.1/unused',
      jwtSecret: 'x'.repeat(48),
    });
    app = await createApp(config, { preview: true });
    document = buildOpenApiDocument(app);
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
        const operation = item[method];
        if (operation) operations.push({ id: `${method.toUpperCase()} ${path}`, path, method, operation });
      }
    }
  }, 60_000);

  afterAll(() => app.close());

  const responses = (operation: OperationObject) => operation.responses as Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
  const find = (id: string) => operations.find((o) => o.id === id)!.operation;

  it('should describe all 88 operations with a summary, a camelCase operationId and a tag described globally', () => {
    expect(operations).toHaveLength(88);
    const tags = new Map((document.tags ?? []).map((tag) => [tag.name, tag.description]));
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { id, operation } of operations) {
      expect({ id, summary: typeof operation.summary === 'string' && operation.summary.length > 0 }).toEqual({ id, summary: true });
      expect({ id, operationId: operation.operationId }).toEqual({ id, operationId: expect.stringMatching(/^[a-z][a-zA-Z]+$/) });
      expect(operation.tags?.length).toBe(1);
      expect({ id, tag: operation.tags![0], described: Boolean(tags.get(operation.tags![0])) }).toEqual({ id, tag: operation.tags![0], described: true });
    }
    expect(find('POST /api/v1/hiring-checks').operationId).toBe('createHiringCheck');
  });

  it('should name a server and declare security on every operation: none on public routes, a bearer token or an API key elsewhere', () => {
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(Object.keys(document.components?.securitySchemes ?? {}).sort()).toEqual(['apiKey', 'bearer']);
    const publicIds = operations
      .filter(({ operation }) => operation.security?.length === 0)
      .map(({ id }) => id)
      .sort();
    expect(publicIds).toEqual([
      'GET /api/v1/public/audit/head',
      'GET /api/v1/public/disciplinary-actions.csv',
      'GET /api/v1/public/officers',
      'GET /api/v1/public/officers/{postId}',
      'GET /health',
      'GET /health/live',
      'POST /api/v1/auth/activate',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/login/mfa',
      'POST /api/v1/auth/password-reset',
    ]);
    // A user's own password and second factor take a bearer token only (an API key is a 403).
    const bearerOnly = ['POST /api/v1/me/password', 'POST /api/v1/me/mfa/totp', 'POST /api/v1/me/mfa/totp/confirm'];
    for (const id of bearerOnly) expect(find(id).security).toEqual([{ bearer: [] }]);
    for (const { id, operation } of operations.filter(({ id, operation }) => operation.security?.length !== 0 && !bearerOnly.includes(id))) {
      expect({ id, security: operation.security }).toEqual({ id, security: [{ bearer: [] }, { apiKey: [] }] });
    }
  });

  it('should answer every error status with the one Problem schema as application/problem+json', () => {
    expect(document.components?.schemas?.Problem).toMatchObject({
      properties: expect.objectContaining({ code: expect.anything(), errors: expect.anything(), reasons: expect.anything() }),
    });
    for (const { id, operation } of operations) {
      for (const [status, response] of Object.entries(responses(operation)).filter(([status]) => Number(status) >= 400)) {
        expect({ id, status, content: response.content }).toEqual({
          id,
          status,
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        });
      }
    }
  });

  it('should document the errors that follow from what each route does', () => {
    const statuses = (id: string) => Object.keys(responses(find(id))).filter((status) => Number(status) >= 400);
    // Authenticated, role-checked, a body, a path parameter naming a record, throttled, on the database, a refusing rule.
    expect(statuses('POST /api/v1/officers/{postId}/employments')).toEqual(['400', '401', '403', '404', '409', '413', '422', '429', '503']);
    // Any authenticated caller (no role check), a query; a token limited to second-factor enrolment is a 403.
    expect(statuses('GET /api/v1/organizations')).toEqual(['400', '401', '403', '429', '503']);
    // Open to that limited token: no 403.
    expect(statuses('GET /api/v1/me')).toEqual(['401', '429', '503']);
    // Public; a wrong password is a 401.
    expect(statuses('POST /api/v1/auth/login')).toEqual(['400', '401', '413', '429', '503']);
    expect(statuses('GET /api/v1/public/officers/{postId}')).toEqual(['400', '404', '429', '503']);
    // Not throttled; liveness never touches the database.
    expect(statuses('GET /health')).toEqual(['503']);
    expect(statuses('GET /health/live')).toEqual([]);
    for (const { id, path, method, operation } of operations) {
      const documented = Object.keys(responses(operation));
      if (operation.security?.length !== 0) expect({ id, has401: documented.includes('401') }).toEqual({ id, has401: true });
      if (method === 'post') expect({ id, has413: documented.includes('413') }).toEqual({ id, has413: true });
      if (path.includes('{')) expect({ id, has404: documented.includes('404') }).toEqual({ id, has404: true });
    }
  });

  it("should declare a case's stages nullable in openapi.json (null until the case reaches them)", () => {
    // The committed document (CI checks it is current): CaseResponse's other members come from the build's plugin.
    const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'openapi.json'), 'utf8')) as OpenAPIObject;
    const properties = (committed.components?.schemas?.CaseResponse as { properties: Record<string, { nullable?: boolean }> }).properties;
    const members = ['interimSuspension', 'notice', 'response', 'hearing', 'decision', 'appeal', 'finalization', 'dismissal', 'interimHearingDeadlines'];
    expect(Object.fromEntries(members.map((member) => [member, properties[member]?.nullable]))).toEqual(
      Object.fromEntries(members.map((member) => [member, true])),
    );
  });
});
