import { FixedClock } from '@app/core';
import { Webhook } from 'standardwebhooks';
import { eventually } from '../support/jobs';
import { bearer, createTestDatabase, startTestApp, TestDatabase, totpCode, USER_PASSWORD } from '../support/test-app';
import { startWebhookReceiver, WebhookReceiver } from '../support/webhook-receiver';

const STEP = 30_000;
const OLD_SIGNING_SECRET = 'the-signing-secret-before-rotation-0123456789';
const NEW_SIGNING_SECRET = 'the-signing-secret-after-rotation-9876543210ab';

/**
 * docs/operations.md "Rotating the signing secret": stored secrets (TOTP secrets, webhook signing
 * secrets, recovery-code keys) are sealed under SECRETS_KEY, which defaults to the signing
 * secret. An operator who sets SECRETS_KEY to the old signing secret can rotate JWT_SECRET: the
 * sessions signed with the old one end, the enrolled factors and webhook secrets keep working.
 * Without SECRETS_KEY the same rotation leaves every enrolled factor unreadable (the hazard the
 * variable exists for), which this test also shows.
 */
describe('rotating JWT_SECRET with SECRETS_KEY (e2e)', () => {
  const clock = new FixedClock(new Date(Math.floor(Date.now() / STEP) * STEP + 10_000));
  const env = { MFA_REQUIRED_ROLES: 'agency_admin', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true' };
  let database: TestDatabase;
  let receiver: WebhookReceiver;
  let before: { email: string; totpSecret: string; recoveryCodes: string[]; token: string; hookId: string; hookSecret: string };

  beforeAll(async () => {
    database = await createTestDatabase();
    receiver = await startWebhookReceiver();
    const t = await startTestApp({ database, clock, env, jwtSecret: OLD_SIGNING_SECRET });
    try {
      const agency = await t.createOrganization('agency');
      const email = `rotation-${Date.now()}@example.test`;
      const created = await t
        .http()
        .post(`/api/v1/organizations/${agency.id}/users`)
        .set(bearer(await t.adminToken()))
        .send({ email, password: USER_PASSWORD, roles: ['agency_admin'] });
      expect(created.status).toBe(201);
      const limited = (await t.http().post('/api/v1/auth/login').send({ email, password: USER_PASSWORD })).body.accessToken as string;
      const { secret, recoveryCodes } = await t.enrolTotp(limited);
      clock.set(new Date(clock.now().getTime() + 2 * STEP));
      const token = await t.loginWithTotp(email, USER_PASSWORD, secret);
      const hook = await t
        .http()
        .post('/api/v1/webhooks')
        .set(bearer(token))
        .send({ url: receiver.url('/rotation'), events: ['officer.separated'] });
      expect(hook.status).toBe(201);
      before = { email, totpSecret: secret, recoveryCodes, token, hookId: hook.body.id, hookSecret: hook.body.secret };
    } finally {
      await t.close();
    }
  });
  afterAll(async () => {
    await receiver.close();
    await database.drop();
  });

  it('keeps enrolled factors, recovery codes and webhook secrets working, and ends the old sessions', async () => {
    clock.set(new Date(clock.now().getTime() + 2 * STEP));
    const t = await startTestApp({ database, clock, env: { ...env, SECRETS_KEY: OLD_SIGNING_SECRET }, jwtSecret: NEW_SIGNING_SECRET });
    try {
      expect((await t.http().get('/api/v1/me').set(bearer(before.token))).status).toBe(401);

      const token = await t.loginWithTotp(before.email, USER_PASSWORD, before.totpSecret);
      expect((await t.http().get('/api/v1/me').set(bearer(token))).status).toBe(200);

      const challenge = (await t.http().post('/api/v1/auth/login').send({ email: before.email, password: USER_PASSWORD })).body.challengeToken as string;
      const byRecoveryCode = await t.http().post('/api/v1/auth/login/mfa').send({ challengeToken: challenge, code: before.recoveryCodes[0] });
      expect(byRecoveryCode.status).toBe(200);

      const sent = await t.http().post(`/api/v1/webhooks/${before.hookId}/test`).set(bearer(token));
      expect(sent.status).toBe(202);
      await eventually(() => Promise.resolve(receiver.received.some((r) => r.path === '/rotation' && r.status === 200)), 10_000, 'test event');
      const request = receiver.received.find((r) => r.path === '/rotation')!;
      // Signed with the secret the agency was shown at registration, before the rotation.
      expect(new Webhook(before.hookSecret).verify(request.body, request.headers as Record<string, string>)).toMatchObject({ type: 'webhook.test' });
    } finally {
      await t.close();
    }
  });

  it('without SECRETS_KEY, the same rotation leaves the enrolled factor unreadable (the code step refuses)', async () => {
    clock.set(new Date(clock.now().getTime() + 4 * STEP));
    const t = await startTestApp({ database, clock, env, jwtSecret: NEW_SIGNING_SECRET });
    try {
      const challenge = (await t.http().post('/api/v1/auth/login').send({ email: before.email, password: USER_PASSWORD })).body.challengeToken as string;
      const code = totpCode(before.totpSecret, new Date(clock.now().getTime() + STEP));
      const refused = await t.http().post('/api/v1/auth/login/mfa').send({ challengeToken: challenge, code });
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('AUTH.MFA_CODE_INVALID');
      // The administrator can tell why from the audit trail, and reset the factor.
      const { rows } = await t.db.query(
        `SELECT details->>'reason' AS reason FROM audit_log WHERE action = 'auth.mfa_challenge_failed' ORDER BY seq DESC LIMIT 1`,
      );
      expect(rows).toEqual([{ reason: 'factor_unreadable' }]);
    } finally {
      await t.close();
    }
  });
});
