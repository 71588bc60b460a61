import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { discoverRoutes } from '../support/route-discovery';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 17, item 6: no restricted value in any log. Canary values (a date of birth, SSN digits,
 * a password, an API key, a TOTP secret, a reset token, an email) go through every route (in
 * the body, the query string and the credentials headers, as nobody, as an administrator and
 * as an agency user) and through the error paths (validation, unknown fields, malformed JSON,
 * 401/403/404/409, a unique violation on the email, a database error), then the service's
 * log output and PostgreSQL's server log are searched: no canary may appear in either.
 *
 * PostgreSQL's log is read when it can be: POSTGRES_LOG_FILE, else Debian's
 * /var/log/postgresql/postgresql-<version>-main.log when the tests run on DATABASE_URL's local
 * server. The embedded server's log is discarded by the service (nothing to leak), and then only
 * the service's own log is searched; the settings that keep PostgreSQL's log clean are checked
 * on the service's own connections either way.
 */
const tag = randomBytes(4).toString('hex');
/** For names, which take letters only. */
const nameTag = tag.replace(/\d/g, (digit) => 'abcdefghij'[Number(digit)]);
const CANARIES = {
  dateOfBirth: `19${randomInt(40, 70)}-0${randomInt(1, 10)}-${randomInt(10, 29)}`,
  ssnLast4: String(randomInt(1000, 10000)),
  password: `canary-password-${tag}`,
  apiKey: `prk_canary${tag}${randomBytes(12).toString('hex')}`,
  totpSecret: `JBSWY3DPEHPK3PXP${randomBytes(8)
    .toString('hex')
    .toUpperCase()
    .replace(/[0189]/g, 'Q')}`,
  resetToken: `rt_canary_${randomBytes(16).toString('hex')}`,
  email: `canary-${tag}@example.test`,
};

/** Where each canary is found in `text`; SSN digits only as a number of their own (not inside a time or a pid). */
function hits(text: string): string[] {
  const found = new Set<string>();
  for (const [name, value] of Object.entries(CANARIES)) {
    const pattern =
      name === 'ssnLast4' ? new RegExp(`(?<![\\d:.\\[])${value}(?![\\d:.\\]])`, 'g') : new RegExp(value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
    for (const match of text.matchAll(pattern)) {
      const start = Math.max(0, match.index - 160);
      if (found.size < 30) found.add(`${name}: …${text.slice(start, match.index + value.length + 40).replace(/\s+/g, ' ')}…`);
    }
  }
  return [...found];
}

/** A body with every canary under the names a client would use, and some it should not. */
const canaryBody = () => ({
  email: CANARIES.email,
  password: CANARIES.password,
  currentPassword: CANARIES.password,
  newPassword: CANARIES.password,
  dateOfBirth: CANARIES.dateOfBirth,
  ssnLast4: CANARIES.ssnLast4,
  apiKey: CANARIES.apiKey,
  secret: CANARIES.totpSecret,
  code: CANARIES.totpSecret,
  token: CANARIES.resetToken,
  firstName: 'Canary',
  lastName: 'Bird',
});
const canaryQuery = `email=${encodeURIComponent(CANARIES.email)}&token=${CANARIES.resetToken}&dateOfBirth=${CANARIES.dateOfBirth}&ssnLast4=${CANARIES.ssnLast4}&secret=${CANARIES.totpSecret}&password=${CANARIES.password}`;
const SAMPLE_PARAMS: Record<string, string> = { id: '00000000-0000-4000-8000-000000000000', postId: 'MA-999999' };
const concrete = (path: string) => path.replace(/:(\w+)/g, (_, name: string) => SAMPLE_PARAMS[name] ?? 'x');

/** PostgreSQL's server log, when this machine keeps one the tests may read. */
function postgresLogFile(): string | undefined {
  if (process.env.POSTGRES_LOG_FILE) return process.env.POSTGRES_LOG_FILE;
  const adminUrl = new URL(process.env.TEST_ADMIN_URL!);
  if (!['127.0.0.1', 'localhost'].includes(adminUrl.hostname) || (adminUrl.port || '5432') !== '5432') return undefined;
  const dir = '/var/log/postgresql';
  if (!existsSync(dir)) return undefined;
  const logs = readdirSync(dir).filter((name) => /^postgresql-\d+-main\.log$/.test(name));
  return logs.length === 1 ? join(dir, logs[0]) : undefined;
}

describe('no restricted value in any log (e2e)', () => {
  let t: TestApp;
  const serviceLog: string[] = [];
  const logFile = postgresLogFile();
  let logOffset = 0;
  let admin: string;
  let agencyUser: string;

  beforeAll(async () => {
    if (logFile) logOffset = statSync(logFile).size;
    t = await startTestApp({ env: { LOG_LEVEL: 'debug' }, logDestination: { write: (chunk: string) => void serviceLog.push(chunk) } });
    admin = await t.adminToken();
    const agency = await t.createOrganization('agency');
    agencyUser = await t.userToken(agency.id, ['agency_admin']);
  });
  afterAll(() => t.close());

  it('sends the canaries through every route, as nobody, an agency user and an administrator', async () => {
    const routes = discoverRoutes(t.app, 'api/v1', ['health', 'health/live']);
    expect(routes.length).toBeGreaterThan(30);
    for (const { method, path } of routes) {
      for (const token of [undefined, agencyUser, admin]) {
        const request = t.http()[method.toLowerCase() as 'post'](`${concrete(path)}?${canaryQuery}`);
        if (token) request.set(bearer(token));
        else request.set('X-API-Key', CANARIES.apiKey);
        if (method !== 'GET' && method !== 'DELETE') request.send(canaryBody());
        const response = await request;
        expect(response.status).toBeLessThan(500);
      }
    }
  });

  it('sends them through the error paths: malformed JSON, 401, 409 on a taken email and on a duplicate officer, a database error', async () => {
    const truncated = `{"email":"${CANARIES.email}","password":"${CANARIES.password}","dateOfBirth":"${CANARIES.dateOfBirth}`;
    for (const path of ['/api/v1/auth/login', '/api/v1/officers', '/api/v1/hiring-checks']) {
      const malformed = await t.http().post(path).set(bearer(admin)).set('Content-Type', 'application/json').send(truncated);
      expect(malformed.status).toBe(400);
    }
    // 401: an unknown email, a wrong password, a made-up bearer token and API key.
    expect((await t.http().post('/api/v1/auth/login').send({ email: CANARIES.email, password: CANARIES.password })).status).toBe(401);
    expect((await t.http().get('/api/v1/me').set(bearer(CANARIES.resetToken))).status).toBe(401);
    expect((await t.http().get('/api/v1/me').set('X-API-Key', CANARIES.apiKey)).status).toBe(401);
    // A user with the canary email and password, twice: the second is the unique violation (409).
    const commission = await t.commissionId();
    const user = { email: CANARIES.email, password: CANARIES.password, roles: ['commission_investigator'] };
    expect((await t.http().post(`/api/v1/organizations/${commission}/users`).set(bearer(admin)).send(user)).status).toBe(201);
    const taken = await t.http().post(`/api/v1/organizations/${commission}/users`).set(bearer(admin)).send(user);
    expect({ status: taken.status, code: taken.body.code }).toEqual({ status: 409, code: 'USER.EMAIL_TAKEN' });
    expect(
      (
        await t
          .http()
          .post('/api/v1/auth/login')
          .send({ email: CANARIES.email, password: `${CANARIES.password}x` })
      ).status,
    ).toBe(401);
    expect((await t.http().post('/api/v1/auth/login').send({ email: CANARIES.email, password: CANARIES.password })).status).toBe(200);
    // An officer with the canary date of birth and SSN digits, its duplicate (409), and a hiring check by them.
    const officer = { firstName: 'Canary', lastName: `Bird${nameTag}`, dateOfBirth: CANARIES.dateOfBirth, ssnLast4: CANARIES.ssnLast4 };
    const created = await t.http().post('/api/v1/officers').set(bearer(admin)).send(officer);
    expect({ status: created.status, body: created.body as unknown }).toEqual({ status: 201, body: expect.anything() });
    const duplicate = await t.http().post('/api/v1/officers').set(bearer(admin)).send(officer);
    expect({ status: duplicate.status, body: duplicate.body as unknown }).toEqual({ status: 409, body: expect.anything() });
    const check = await t
      .http()
      .post('/api/v1/hiring-checks')
      .set(bearer(agencyUser))
      .send({ firstName: 'Canary', lastName: `Bird${nameTag}`, dateOfBirth: CANARIES.dateOfBirth });
    expect({ status: check.status, body: check.status === 201 ? null : (check.body as unknown) }).toEqual({ status: 201, body: null });
    // A database error while the canaries are the statement's parameters: 500, logged by both sides.
    await t.db.query('ALTER TABLE officer RENAME COLUMN date_of_birth TO date_of_birth_broken');
    try {
      const broken = await t
        .http()
        .post('/api/v1/officers?confirmDistinct=true')
        .set(bearer(admin))
        .send({ ...officer, lastName: `Other${nameTag}` });
      expect(broken.status).toBe(500);
    } finally {
      await t.db.query('ALTER TABLE officer RENAME COLUMN date_of_birth_broken TO date_of_birth');
    }
  });

  it("keeps every canary out of the service's log", () => {
    const text = serviceLog.join('');
    // The log did record the requests (the search is not over an empty log).
    expect(text).toContain('request completed');
    expect(hits(text)).toEqual([]);
  });

  it("keeps every canary out of PostgreSQL's log (and its connections say so)", async () => {
    if (logFile) {
      // The server writes its log asynchronously: give it a moment.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const text = readFileSync(logFile).subarray(logOffset).toString('utf8');
      // The log did record this test's errors (the unique violation at least): the search is not over nothing.
      expect(text).toMatch(/app_user_email_unique/);
      expect(hits(text)).toEqual([]);
    } else {
      process.stdout.write("PostgreSQL's server log is not readable here (embedded server: discarded); set POSTGRES_LOG_FILE to search it\n");
    }
    const settings = await t.app.get(DataSource).query<{ verbosity: string }[]>(`SELECT current_setting('log_error_verbosity') AS verbosity`);
    expect(settings).toEqual([{ verbosity: 'terse' }]);
  });
});
