import { securityHeaders } from '../../apps/api/src/http/security-headers';
import { bearer, startTestApp, TestApp } from '../support/test-app';

describe('HTTP behaviour (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const expectProblem = (response: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, status: number) => {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({
      type: expect.stringMatching(/^urn:post-registry:problem:/),
      title: expect.any(String),
      status,
      detail: expect.any(String),
    });
    expect(JSON.stringify(response.body)).not.toMatch(/at \w+ \(|node_modules|QueryFailedError|SELECT|INSERT/);
  };

  it('should answer malformed JSON with a 400 problem', async () => {
    const response = await t
      .http()
      .post('/api/v1/organizations')
      .set(bearer(await t.adminToken()))
      .set('Content-Type', 'application/json')
      .send('{"type": "agency", "name": ');
    expectProblem(response, 400);
  });

  it('should refuse unknown fields and wrong types with per-field errors and store nothing', async () => {
    const response = await t
      .http()
      .post('/api/v1/organizations')
      .set(bearer(await t.adminToken()))
      .send({ type: 'agency', name: 42, code: 'OK01', isAdmin: true });
    expectProblem(response, 400);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'isAdmin', message: 'property isAdmin should not exist' },
        { field: 'name', message: expect.stringContaining('string') },
      ]),
    );
    const { rowCount } = await t.db.query(`SELECT 1 FROM organization WHERE code = 'OK01'`);
    expect(rowCount).toBe(0);
  });

  it('should refuse an invalid query parameter', async () => {
    const response = await t
      .http()
      .get('/api/v1/organizations?limit=100000')
      .set(bearer(await t.adminToken()));
    expectProblem(response, 400);
    expect(response.body.errors).toEqual([{ field: 'limit', message: expect.stringContaining('500') }]);
  });

  it('should answer an unknown route with a 404 problem', async () => {
    expectProblem(
      await t
        .http()
        .get('/api/v1/no-such-thing')
        .set(bearer(await t.adminToken())),
      404,
    );
  });

  it('should answer a body over the limit with 413', async () => {
    const response = await t
      .http()
      .post('/api/v1/organizations')
      .set(bearer(await t.adminToken()))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ type: 'agency', name: 'x'.repeat(5 * 1024 * 1024), code: 'BIG1' }));
    expectProblem(response, 413);
  });

  it('should answer a duplicate with 409', async () => {
    const body = { type: 'academy', name: 'Academy', code: 'DUP1' };
    const token = await t.adminToken();
    expect((await t.http().post('/api/v1/organizations').set(bearer(token)).send(body)).status).toBe(201);
    const second = await t.http().post('/api/v1/organizations').set(bearer(token)).send(body);
    expectProblem(second, 409);
    expect(second.body.code).toBe('ORGANIZATION.CODE_TAKEN');
  });

  it('should echo a sane X-Request-Id, mint one otherwise, and record it in the audit entry', async () => {
    const echoed = await t
      .http()
      .post('/api/v1/organizations')
      .set(bearer(await t.adminToken()))
      .set('X-Request-Id', 'trace-abc.123')
      .send({ type: 'agency', name: 'Traced', code: 'TRACE1' });
    expect(echoed.headers['x-request-id']).toBe('trace-abc.123');
    const { rows } = await t.db.query(`SELECT request_id FROM audit_log WHERE action = 'organization.create' AND entity_id = $1`, [echoed.body.id]);
    expect(rows).toEqual([{ request_id: 'trace-abc.123' }]);

    const minted = await t.http().get('/health/live').set('X-Request-Id', 'bad id with spaces');
    expect(minted.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('should send security headers', async () => {
    const response = await t.http().get('/health/live');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['strict-transport-security']).toBeDefined();
    // Computed once by helmet at start-up: every response carries all of them, errors included.
    const expected = Object.fromEntries(Object.entries(securityHeaders()).map(([name, value]) => [name.toLowerCase(), value]));
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(10);
    for (const reply of [response, await t.http().get('/api/v1/no-such-route'), await t.http().get('/api/v1/me')]) {
      expect(reply.headers).toMatchObject(expected);
    }
  });

  it('should report readiness and liveness', async () => {
    const ready = await t.http().get('/health');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ok');
    expect((await t.http().get('/health/live')).body).toEqual({ status: 'ok' });
  });

  it('should serve an OpenAPI document describing the DTOs', async () => {
    const response = await t.http().get('/docs-json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toMatch(/^3\./);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/organizations', '/api/v1/audit/verify']));
    expect((await t.http().get('/docs')).status).toBe(200);
    // A path's POST ID is documented once, with the pattern its pipe enforces.
    const postIdParameters = response.body.paths['/api/v1/public/officers/{postId}'].get.parameters.filter((p: { name: string }) => p.name === 'postId');
    expect(postIdParameters).toEqual([
      expect.objectContaining({ in: 'path', required: true, schema: expect.objectContaining({ type: 'string', pattern: '^[A-Z]{2}-[0-9]{6,}$' }) }),
    ]);
    // Idempotency-Key is documented once, optional, on every route that reads it (not also as a required header).
    for (const [path, method] of [
      ['/api/v1/hiring-checks', 'post'],
      ['/api/v1/officers', 'post'],
      ['/api/v1/organizations/{id}/api-keys', 'post'],
      ['/api/v1/cases', 'post'],
    ]) {
      const headers = response.body.paths[path][method].parameters.filter(
        (p: { in: string; name: string }) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key',
      );
      expect({ path, headers }).toEqual({ path, headers: [expect.objectContaining({ name: 'Idempotency-Key', required: false })] });
    }
    // API.md lists: ?limit= is optional everywhere, default 50, at most 500, and documented so.
    const limits = Object.entries(response.body.paths as Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>).flatMap(
      ([path, methods]) =>
        Object.values(methods).flatMap((operation) =>
          (operation.parameters ?? []).filter((p) => p.in === 'query' && p.name === 'limit').map((p) => ({ path, parameter: p })),
        ),
    );
    expect(limits.map(({ path }) => path)).toEqual(expect.arrayContaining(['/api/v1/public/officers', '/api/v1/hiring-checks', '/api/v1/cases']));
    for (const { path, parameter } of limits) {
      expect({ path, parameter }).toEqual({
        path,
        parameter: expect.objectContaining({ required: false, schema: expect.objectContaining({ minimum: 1, maximum: 500, default: 50 }) }),
      });
    }
  });
});
