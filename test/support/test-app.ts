import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuditService } from '@app/audit';
import { Clock, FixedClock, Role } from '@app/core';
import { withDatabaseName } from '@app/database';
import { buildAppConfig, validateEnvironment } from '@app/runtime';
import { randomBytes } from 'node:crypto';
import { generateSync } from 'otplib';
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
  /** Enrols a TOTP factor with the token (a full or an enrolment-only one): the secret and the ten recovery codes. */
  enrolTotp(token: string): Promise<{ secret: string; recoveryCodes: string[] }>;
  /**
   * Both steps of a sign-in with a second factor: the password, then a TOTP code of the earliest
   * time step the service still accepts (never one already used). With a FixedClock a sign-in
   * that would need a later step than the window allows throws (advance the clock); with the
   * real clock it waits for the next step (at most 30 s).
   */
  loginWithTotp(email: string, password: string, secret: string): Promise<string>;
  /**
   * Chains the refusals still pending (`access.refused` waits in `audit_pending` for the folder,
   * issue 17), as GET /audit does before reading: call it before reading `audit_log` directly.
   */
  foldAudit(): Promise<number>;
  close(): Promise<void>;
}

/** The TOTP code of a secret at an instant (RFC 6238, 30 s, as the service checks). */
export const totpCode = (secret: string, at: Date = new Date()) => generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) });
const TOTP_STEP_MS = 30_000;

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A database cloned from the migrated template (jobs included: each clone has its own, empty pgboss schema). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = process.env.TEST_ADMIN_URL!;
  const template = process.env.TEST_TEMPLATE_DATABASE!;
  const name = `${template}_t${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  await admin.end();
  return {
    name,
    url: withDatabaseName(adminUrl, name),
    async drop() {
      const cleanup = new Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/**
 * Each test file: its own database cloned from the migrated template, and the real app on it.
 * `database`: run on that one instead (several apps on one database, or one restarted); the
 * caller drops it.
 */
export async function startTestApp(
  options: { env?: Record<string, string>; clock?: FixedClock; logDestination?: DestinationStream; database?: TestDatabase; jwtSecret?: string } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const databaseUrl = database.url;

  const env = validateEnvironment({
    LOG_LEVEL: 'silent',
    // The suites sign in with a password alone; the second factor's own tests (mfa.e2e-spec.ts) set the roles.
    MFA_REQUIRED_ROLES: '',
    POST_BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
    POST_BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    PUBLIC_RATE_LIMIT_PER_MINUTE: '100000',
    // The tests pin instants (FixedClock) and expect their UTC dates; the time zone's own test sets it.
    POST_TIME_ZONE: 'UTC',
    // Jobs run in the test's own app (each test database has its own pgboss schema, cloned empty
    // from the template): poll often so a test waits half a second for a job, not two.
    JOBS_POLL_INTERVAL_MS: '500',
    ...options.env,
  });
  const config = buildAppConfig(env, { databaseUrl, jwtSecret: options.jwtSecret ?? 'test-secret-'.padEnd(48, 'x') });
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
    async enrolTotp(token) {
      const started = await http().post('/api/v1/me/mfa/totp').set(bearer(token));
      if (started.status !== 200) throw new Error(`TOTP enrolment failed: ${started.status} ${JSON.stringify(started.body)}`);
      const secret = started.body.secret as string;
      const confirmed = await http()
        .post('/api/v1/me/mfa/totp/confirm')
        .set(bearer(token))
        .send({ code: totpCode(secret, options.clock?.now()) });
      if (confirmed.status !== 200) throw new Error(`TOTP confirmation failed: ${confirmed.status} ${JSON.stringify(confirmed.body)}`);
      return { secret, recoveryCodes: confirmed.body.recoveryCodes as string[] };
    },
    async loginWithTotp(email, password, secret) {
      const first = await http().post('/api/v1/auth/login').send({ email, password });
      if (first.status !== 200 || !first.body.challengeToken)
        throw new Error(`login ${email} gave no challenge: ${first.status} ${JSON.stringify(first.body)}`);
      const { rows } = await db.query(`SELECT f.last_used_step FROM mfa_totp_factor f JOIN app_user u ON u.id = f.user_id WHERE u.email = $1`, [
        email.toLowerCase(),
      ]);
      const lastUsed = rows[0]?.last_used_step === null || rows[0]?.last_used_step === undefined ? -Infinity : Number(rows[0].last_used_step);
      const now = () => (options.clock ? options.clock.now() : new Date());
      let step = Math.max(Math.floor(now().getTime() / TOTP_STEP_MS) - 1, lastUsed + 1);
      if (step > Math.floor(now().getTime() / TOTP_STEP_MS) + 1) {
        if (options.clock) throw new Error('loginWithTotp: every step the service accepts now is used; advance the FixedClock by 30 s');
        await new Promise((resolve) => setTimeout(resolve, (step - 1) * TOTP_STEP_MS - now().getTime() + 50));
        step = Math.max(Math.floor(now().getTime() / TOTP_STEP_MS) - 1, lastUsed + 1);
      }
      const second = await http()
        .post('/api/v1/auth/login/mfa')
        .send({ challengeToken: first.body.challengeToken, code: totpCode(secret, new Date(step * TOTP_STEP_MS)) });
      if (second.status !== 200) throw new Error(`second factor of ${email} failed: ${second.status} ${JSON.stringify(second.body)}`);
      return second.body.accessToken as string;
    },
    foldAudit() {
      return app.get(AuditService).foldPending();
    },
    async close() {
      await app.close();
      await db.end();
      if (!options.database) await database.drop();
    },
  };
  return testApp;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
