import { randomBytes } from 'node:crypto';
import type { DestinationStream } from 'pino';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { bearer, startTestApp, TestApp, USER_PASSWORD } from '../support/test-app';

const NEW_PASSWORD = 'a-fresh-long-password-7';
const BASE = 'https://post.example.test';
const RESET_URL = new RegExp(`^${BASE.replace(/\./g, '\\.')}/console/reset-password#token=([A-Za-z0-9_-]{43})$`);

/**
 * API.md "Accounts": with SMTP_URL the reset link goes to the user by mail (a real SMTP server in
 * the test's process), never into the answer or a log line. Its own file: the log check needs
 * the only app of its process (nestjs-pino keeps its logger in a static).
 */
describe('password reset links by mail (e2e, a real SMTP server)', () => {
  let t: TestApp;
  let sink: SmtpSink;
  /** Every line the service logs, at debug level: no recipient, subject, body, token or password may reach one. */
  const logLines: string[] = [];
  const secrets: string[] = [];

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({
      env: { SMTP_URL: sink.url, MAIL_FROM: 'Commission <no-reply@post.example.test>', PUBLIC_BASE_URL: BASE, LOG_LEVEL: 'debug' },
      logDestination: { write: (line: string) => logLines.push(line) } as unknown as DestinationStream,
    });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('mails the link to the user, answers only expiresAt, and the mailed link works', async () => {
    const agencyId = (await t.createOrganization('agency')).id;
    const email = `mailed-${randomBytes(3).toString('hex')}@example.test`;
    const created = await t
      .http()
      .post(`/api/v1/organizations/${agencyId}/users`)
      .set(bearer(await t.adminToken()))
      .send({ email, password: USER_PASSWORD, roles: ['agency_admin'] });
    const started = await t
      .http()
      .post(`/api/v1/users/${created.body.id}/password-reset`)
      .set(bearer(await t.adminToken()));
    expect(started.status).toBe(201);
    expect(started.body).toEqual({ expiresAt: expect.any(String) });

    const [message] = await sink.waitFor(1);
    expect(message).toMatchObject({ envelopeTo: [email], to: [email], from: 'no-reply@post.example.test' });
    expect(message.subject).toBe('Peace Officer Standards and Training Commission: reset your password');
    const link = RESET_URL.exec(message.text.split('\n').find((line) => line.startsWith(BASE)) ?? '');
    expect(link).not.toBeNull();

    secrets.push(email, link![1], NEW_PASSWORD, message.subject);
    expect((await t.http().post('/api/v1/auth/password-reset').send({ token: link![1], newPassword: NEW_PASSWORD })).status).toBe(204);
    expect((await t.http().post('/api/v1/auth/login').send({ email, password: NEW_PASSWORD })).status).toBe(200);
    const { rows } = await t.db.query(`SELECT details FROM audit_log WHERE entity_id = $1 AND action = 'auth.password_reset_issued'`, [created.body.id]);
    expect(rows[0].details).toMatchObject({ delivery: 'mail' });
  });

  it('answers 503 when the mail server refuses, and the unsent link is revoked', async () => {
    const agencyId = (await t.createOrganization('agency')).id;
    const email = `refused-${randomBytes(3).toString('hex')}@example.test`;
    const created = await t
      .http()
      .post(`/api/v1/organizations/${agencyId}/users`)
      .set(bearer(await t.adminToken()))
      .send({ email, password: USER_PASSWORD, roles: ['agency_admin'] });
    secrets.push(email);
    sink.refuseWith(550);
    try {
      const started = await t
        .http()
        .post(`/api/v1/users/${created.body.id}/password-reset`)
        .set(bearer(await t.adminToken()));
      expect([started.status, started.body.code]).toEqual([503, 'MAIL.DELIVERY_FAILED']);
      expect(started.body.resetUrl).toBeUndefined();
    } finally {
      sink.refuseWith(undefined);
    }
    const { rows } = await t.db.query(`SELECT revoked_at IS NOT NULL AS revoked FROM account_token WHERE user_id = $1`, [created.body.id]);
    expect(rows).toEqual([{ revoked: true }]);
  });

  it('logged no recipient, subject, token or password on the way', () => {
    expect(logLines.some((line) => line.includes('mail not delivered') && line.includes('"responseCode":550'))).toBe(true);
    const all = logLines.join('\n');
    for (const secret of secrets) expect({ secret, logged: all.includes(secret) }).toEqual({ secret, logged: false });
  });
});
