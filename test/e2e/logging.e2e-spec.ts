import { Logger } from '@nestjs/common';
import { ADMIN_PASSWORD, bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 2: JSON logs with request ids, redaction of secrets, one line per request, and an
 * unexpected error logged (with its request id) but answered without internals.
 */
describe('request logging', () => {
  let t: TestApp;
  let token: string;
  const lines: Array<Record<string, unknown>> = [];
  const raw: string[] = [];
  const destination = {
    write(chunk: string) {
      raw.push(chunk);
      lines.push(JSON.parse(chunk));
    },
  };
  const linesFor = (requestId: string) => lines.filter((line) => line.requestId === requestId);

  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: 'info' }, logDestination: destination });
    token = await t.adminToken();
  });
  afterAll(() => t.close());

  it('writes one JSON line per request with the X-Request-Id, method, URL, status and time', async () => {
    const response = await t.http().get('/api/v1/me').set(bearer(token)).set('X-Request-Id', 'log-me-1');
    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).toBe('log-me-1');
    const own = linesFor('log-me-1');
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { method: 'GET', url: '/api/v1/me' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
  });

  it('never writes the bearer token or a login password', async () => {
    await t.http().get('/api/v1/me').set(bearer(token)).set('X-Request-Id', 'log-secret-1');
    const refused = await t
      .http()
      .post('/api/v1/auth/login')
      .set('X-Request-Id', 'log-secret-2')
      .send({ email: 'nobody@example.test', password: 'a-secret-guess-123' });
    expect(refused.status).toBe(401);
    expect(linesFor('log-secret-2')).toEqual([expect.objectContaining({ res: { statusCode: 401 } })]);
    const all = raw.join('');
    expect(all).not.toContain(token);
    expect(all).not.toContain('a-secret-guess-123');
    expect(all).not.toContain(ADMIN_PASSWORD);
  });

  it('does not log the liveness probe', async () => {
    const response = await t.http().get('/health/live').set('X-Request-Id', 'log-live-1');
    expect(response.status).toBe(200);
    expect(linesFor('log-live-1')).toEqual([]);
  });

  it('logs an unexpected error with its request id and answers a bare 500', async () => {
    // Break the schema under the app (owner connection) so the next read fails unexpectedly.
    await t.db.query('ALTER TABLE organization RENAME COLUMN name TO name_broken');
    try {
      const response = await t.http().get('/api/v1/organizations').set(bearer(token)).set('X-Request-Id', 'log-500-1');
      expect(response.status).toBe(500);
      expect(JSON.stringify(response.body)).not.toMatch(/name_broken|column|42703/i);
      const own = linesFor('log-500-1');
      expect(own.map((line) => line.msg)).toEqual(['unhandled error', 'request completed']);
      expect(own[0]).toMatchObject({ level: 50, context: 'ProblemDetailsFilter', err: expect.objectContaining({ name: 'QueryFailedError', code: '42703' }) });
      expect(own[1]).toMatchObject({ res: { statusCode: 500 } });
    } finally {
      await t.db.query('ALTER TABLE organization RENAME COLUMN name_broken TO name');
    }
  });

  it('redacts restricted fields in any object a service logs', () => {
    // As services log: a Nest Logger with a context name (it reaches pino through nestjs-pino).
    new Logger('RedactionCheck').log(
      { officer: { dateOfBirth: '1980-01-02', ssnLast4: '1234', name: 'Jane Doe' }, user: { password: 'hunter2-hunter2' } },
      'redaction check',
    );
    const line = lines.find((entry) => entry.msg === 'redaction check');
    expect(line).toMatchObject({
      context: 'RedactionCheck',
      officer: { dateOfBirth: '[redacted]', ssnLast4: '[redacted]', name: 'Jane Doe' },
      user: { password: '[redacted]' },
    });
  });
});
