import { discoverRoutes } from '../support/route-discovery';
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, startTestApp, TestApp } from '../support/test-app';

const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);
const nestedObject = (depth: number): string => '{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1);

/** Issue 17, "no 5xx from any body": every route that takes JSON, and the headers API.md promises on authentication. */
describe('request hardening (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let jsonRoutes: { method: string; path: string }[];

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    jsonRoutes = discoverRoutes(t.app, 'api/v1', ['health', 'health/live'])
      .filter((route) => ['POST', 'PUT', 'PATCH'].includes(route.method))
      .map((route) => ({
        method: route.method,
        path: route.path.replace(/:postId/g, 'MA-000001').replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000'),
      }));
  });
  afterAll(() => t.close());

  const send = (method: string, path: string, body: string, token?: string) => {
    const request = t.http()[method.toLowerCase() as 'post' | 'put' | 'patch'](path).set('Content-Type', 'application/json');
    return (token ? request.set(bearer(token)) : request).send(body);
  };

  it('finds the routes that take a body', () => {
    expect(jsonRoutes.length).toBeGreaterThanOrEqual(17);
  });

  it('answers a body 20,000 levels deep with 400 REQUEST.TOO_DEEP on every route, with and without a token (was 500)', async () => {
    for (const { method, path } of jsonRoutes) {
      for (const token of [admin, undefined]) {
        for (const body of [nested(20_000), nestedObject(20_000)]) {
          const response = await send(method, path, body, token);
          expect({ route: `${method} ${path}`, status: response.status, code: response.body.code }).toEqual({
            route: `${method} ${path}`,
            status: 400,
            code: 'REQUEST.TOO_DEEP',
          });
          expect(response.headers['content-type']).toContain('application/problem+json');
        }
      }
    }
  });

  it('takes 32 levels and refuses 33, counting brackets inside strings as text', async () => {
    const login = (body: string) => send('POST', '/api/v1/auth/login', body);
    // 32 levels reach validation, which refuses the unknown field with the usual 400.
    const atLimit = await login(`{"email":"a@b.c","password":"${'['.repeat(50)}","x":${nested(31)}}`);
    expect(atLimit.status).toBe(400);
    expect(atLimit.body.code).toBe('REQUEST.INVALID');
    const overLimit = await login(`{"email":"a@b.c","password":"x","x":${nested(32)}}`);
    expect(overLimit.status).toBe(400);
    expect(overLimit.body).toMatchObject({ code: 'REQUEST.TOO_DEEP', detail: 'The JSON body is nested deeper than 32 levels.' });
  });

  it('still refuses prototype poisoning and malformed JSON as before', async () => {
    const poisoned = await send('POST', '/api/v1/auth/login', '{"email":"a@b.c","password":"x","__proto__":{"admin":true}}');
    expect(poisoned.status).toBe(400);
    const malformed = await send('POST', '/api/v1/auth/login', '{"email":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).not.toBe('REQUEST.TOO_DEEP');
  });

  it('names the Bearer scheme on every 401', async () => {
    for (const response of [
      await t.http().get('/api/v1/me'),
      await t.http().get('/api/v1/me').set(bearer('not-a-token')),
      await t.http().get('/api/v1/me').set('X-API-Key', 'not-a-key'),
      await t.http().post('/api/v1/auth/login').send({ email: 'nobody@example.test', password: 'wrong-password-1' }),
    ]) {
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="post-registry"');
    }
  });

  it('marks every authenticated response no-store, and leaves public pages cacheable', async () => {
    const me = await t.http().get('/api/v1/me').set(bearer(admin));
    expect(me.status).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const refused = await t.http().get('/api/v1/audit').set(bearer('not-a-token'));
    expect(refused.headers['cache-control']).toBe('no-store');
    const listed = await t.http().get('/api/v1/courses').set(bearer(admin));
    expect(listed.headers['cache-control']).toBe('no-store');
    const login = await t.http().post('/api/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(login.status).toBe(200);
    expect(login.headers['cache-control']).toBe('no-store');
    const publicAsset = await t.http().get('/assets/app.css');
    expect(publicAsset.headers['cache-control']).toBe('public, max-age=300');
    const publicApi = await t.http().get('/api/v1/public/officers?name=Smith');
    expect(publicApi.status).toBe(200);
    expect(publicApi.headers['cache-control']).toBeUndefined();
  });
});
