import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { buildAppConfig, validateEnvironment } from '@app/runtime';
import { createApp } from '../../apps/api/src/create-app';
import { FLUSH_INTERVAL_MS } from '../../apps/api/src/http/shared-throttler-storage';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp } from '../support/test-app';

const LIMITS = { LOGIN_RATE_LIMIT_PER_MINUTE: '4', PUBLIC_RATE_LIMIT_PER_MINUTE: '100' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 17, "many processes": two instances of the service on one database share each client's
 * budget. Each had its own counters in memory before: two processes gave a client two budgets.
 */
describe('rate limits shared across processes (e2e)', () => {
  let t: TestApp;
  let second: NestFastifyApplication;

  beforeAll(async () => {
    t = await startTestApp({ env: LIMITS });
    const env = validateEnvironment({
      LOG_LEVEL: 'silent',
      POST_BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
      POST_BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      POST_TIME_ZONE: 'UTC',
      RATE_LIMIT_PER_MINUTE: '100000',
      ...LIMITS,
    });
    second = await createApp(buildAppConfig(env, { databaseUrl: t.databaseUrl, jwtSecret: 'test-secret-'.padEnd(48, 'x') }));
    await second.init();
    await second.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await second.close();
    await t.close();
  });

  const instances = () => [() => t.http(), () => request(second.getHttpServer())];
  const wrongLogin = (on: number) => instances()[on]().post('/api/v1/auth/login').send({ email: 'nobody@example.test', password: 'not-the-password' });

  it('gives one client one login budget across both instances (4 a minute, not 4 each)', async () => {
    const statuses: number[] = [];
    for (const on of [0, 1, 0, 1, 0, 1]) statuses.push((await wrongLogin(on)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const rows = await t.db.query(`SELECT hits, hit_limit FROM rate_limit_counter WHERE client_key LIKE '%login%'`);
    // The fifth was counted (it passed the budget and started the block); the sixth met the block.
    expect(rows.rows).toEqual([{ hits: 5, hit_limit: 4 }]);
  });

  it('shares a large budget too: the second instance counts what the first one served', async () => {
    const lookup = (on: number) => instances()[on]().get('/api/v1/public/officers?name=Nobody');
    for (let i = 0; i < 60; i++) expect((await lookup(0)).status).toBe(200);
    await sleep(FLUSH_INTERVAL_MS * 2.5);
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) statuses.push((await lookup(1)).status);
    // 60 + 40 = the budget of 100; the 41st on the second instance is refused.
    expect(statuses.filter((status) => status === 200)).toHaveLength(40);
    expect(statuses.slice(40)).toEqual([429, 429, 429, 429, 429]);
  });
});
