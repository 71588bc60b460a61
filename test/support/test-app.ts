import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Clock, FixedClock, Role } from '@app/core';
import { withDatabaseName } from '@app/database';
import { buildAppConfig, validateEnvironment } from '@app/runtime';
import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import type { DestinationStream } from 'pino';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApp } from '../../apps/api/src/create-app';

export const ADMIN_EMAIL = 'admin@commission.test';
export const ADMIN_PASSWORD = 'correct-horse-battery-staple';
export const USER_PASSWORD = 'a-long-enough-password';

export interface TestApp {
  app: NestFastifyApplication;
  http: () => TestAgent;
  /** Owner connection for assertions and for tampering (bypasses the app role). */
  db: Pool;
  databaseUrl: string;
  clock?: FixedClock;
  login(email: string, password?: string): Promise<string>;
  adminToken(): Promise<string>;
  createOrganization(type: 'agency' | 'academy', code?: string): Promise<{ id: string; code: string; name: string }>;
  /** Creates a user with these roles in the organization and returns its bearer token. */
  userToken(organizationId: string, roles: Role[]): Promise<string>;
  commissionId(): Promise<string>;
  close(): Promise<void>;
}

/** Each test file: its own database cloned from the migrated template, and the real app on it. */
export async function startTestApp(options: { env?: Record<string, string>; clock?: FixedClock; logDestination?: DestinationStream } = {}): Promise<TestApp> {
  const adminUrl = process.env.TEST_ADMIN_URL!;
  const template = process.env.TEST_TEMPLATE_DATABASE!;
  const name = `${template}_t${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  await admin.end();
  const databaseUrl = withDatabaseName(adminUrl, name);

  const env = validateEnvironment({
    LOG_LEVEL: 'silent',
    POST_BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
    POST_BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    PUBLIC_RATE_LIMIT_PER_MINUTE: '100000',
    // The tests pin instants (FixedClock) and expect their UTC dates; the time zone's own test sets it.
    POST_TIME_ZONE: 'UTC',
    ...options.env,
  });
  const config = buildAppConfig(env, { databaseUrl, jwtSecret: 'test-secret-'.padEnd(48, 'x') });
  const app = await createApp(config, { logDestination: options.logDestination });
  if (options.clock) {
    // The clock is swapped after construction: services read it on every call.
    const clock = app.get<Clock, Clock & { now(): Date }>(Clock);
    clock.now = () => options.clock!.now();
  }
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const db = new Pool({ connectionString: databaseUrl, max: 4 });
  // An idle connection ended by the server (pg_terminate_backend in a test; close() below, whose
  // DROP ... WITH (FORCE) reaches connections pool.end() has only begun to close) reports an
  // error on the pool; unhandled, it failed whichever test file the worker ran next. A query on
  // a dead connection still fails its own test.
  db.on('error', () => undefined);
  const http = () => request(app.getHttpServer());
  let sequence = 0;
  let cachedAdminToken: string | undefined;

  const login = async (email: string, password = USER_PASSWORD) => {
    const response = await http().post('/api/v1/auth/login').send({ email, password });
    if (response.status !== 200) throw new Error(`login ${email} failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.accessToken as string;
  };
  const adminToken = async () => (cachedAdminToken ??= await login(ADMIN_EMAIL, ADMIN_PASSWORD));

  const testApp: TestApp = {
    app,
    http,
    db,
    databaseUrl,
    clock: options.clock,
    login,
    adminToken,
    async createOrganization(type, code) {
      const unique = code ?? `${type === 'agency' ? 'AG' : 'AC'}${randomBytes(3).toString('hex').toUpperCase()}`;
      const response = await http()
        .post('/api/v1/organizations')
        .set('Authorization', `Bearer ${await adminToken()}`)
        .send({ type, name: `${type} ${unique}`, code: unique });
      if (response.status !== 201) throw new Error(`create organization failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body;
    },
    async userToken(organizationId, roles) {
      const email = `user${++sequence}-${randomBytes(3).toString('hex')}@example.test`;
      const response = await http()
        .post(`/api/v1/organizations/${organizationId}/users`)
        .set('Authorization', `Bearer ${await adminToken()}`)
        .send({ email, password: USER_PASSWORD, roles });
      if (response.status !== 201) throw new Error(`create user failed: ${response.status} ${JSON.stringify(response.body)}`);
      return login(email);
    },
    async commissionId() {
      const { rows } = await db.query(`SELECT id FROM organization WHERE type = 'commission'`);
      return rows[0].id as string;
    },
    async close() {
      await app.close();
      await db.end();
      const cleanup = new Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
  return testApp;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
