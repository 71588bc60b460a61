import { Client } from 'pg';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** DESIGN.md rule 11: a slow or unreachable database gives a bounded 503 with Retry-After, never a hang or a crash. */
describe('database failure (e2e)', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { DB_STATEMENT_TIMEOUT_MS: '300' } });
    token = await t.adminToken();
  });
  afterAll(() => t.close());

  const owner = async () => {
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    return client;
  };

  it('should answer 503 with Retry-After when a query runs past the statement timeout', async () => {
    const blocker = await owner();
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE organization IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const response = await t.http().get('/api/v1/organizations').set(bearer(token));
      expect(response.status).toBe(503);
      expect(response.headers['retry-after']).toBe('5');
      expect(response.body.code).toBe('SERVICE.UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      await blocker.query('ROLLBACK');
      await blocker.end();
    }
    expect((await t.http().get('/api/v1/organizations').set(bearer(token))).status).toBe(200);
  });

  it('should answer 503 when the database refuses connections, and recover when it accepts them again', async () => {
    const admin = new Client({ connectionString: process.env.TEST_ADMIN_URL });
    await admin.connect();
    const name = new URL(t.databaseUrl).pathname.slice(1);
    try {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
      const responses = await Promise.all([1, 2, 3].map(() => t.http().get('/api/v1/organizations').set(bearer(token))));
      for (const response of responses) {
        expect(response.status).toBe(503);
        expect(response.headers['retry-after']).toBe('5');
      }
      const health = await t.http().get('/health');
      expect(health.status).toBe(503);
    } finally {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    expect((await t.http().get('/api/v1/organizations').set(bearer(token))).status).toBe(200);
  });
});
