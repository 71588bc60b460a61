import { randomBytes } from 'node:crypto';
import { createOfficer } from '../support/factories';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const BASE = 'https://post.example.test';
const ACTIVATION_URL = new RegExp(`^${BASE.replace(/\./g, '\\.')}/console/activate#token=([A-Za-z0-9_-]{43})$`);
const PASSWORD = 'an-officer-chose-this-7';

/**
 * API.md "Officers' own accounts": with SMTP_URL the invitation goes to the officer by mail (a real
 * SMTP server in the test's process), the answer holds only `expiresAt`, and the mailed link
 * activates an account that reads the officer's own record and nobody else's.
 */
describe('officer invitations by mail (e2e, a real SMTP server)', () => {
  let t: TestApp;
  let sink: SmtpSink;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({ env: { SMTP_URL: sink.url, MAIL_FROM: 'Commission <no-reply@post.example.test>', PUBLIC_BASE_URL: BASE } });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('mails the activation link, answers only expiresAt, and the mailed link opens the officer’s own record', async () => {
    const { postId } = await createOfficer(t);
    const other = await createOfficer(t);
    const email = `officer-${randomBytes(3).toString('hex')}@example.test`;

    const invited = await t
      .http()
      .post(`/api/v1/officers/${postId}/account-invitations`)
      .set(bearer(await t.adminToken()))
      .send({ email });
    expect(invited.status).toBe(201);
    expect(invited.body).toEqual({ expiresAt: expect.any(String) });

    const [message] = await sink.waitFor(1);
    expect(message).toMatchObject({ envelopeTo: [email], to: [email], from: 'no-reply@post.example.test' });
    expect(message.subject).toMatch(/: activate your account$/);
    const link = ACTIVATION_URL.exec(message.text.split('\n').find((line) => line.startsWith(BASE)) ?? '');
    expect(link).not.toBeNull();

    expect((await t.http().post('/api/v1/auth/activate').send({ token: link![1], password: PASSWORD })).status).toBe(204);
    // The link is spent: a second use is refused.
    expect((await t.http().post('/api/v1/auth/activate').send({ token: link![1], password: PASSWORD })).status).toBe(400);

    const login = await t.http().post('/api/v1/auth/login').send({ email, password: PASSWORD });
    expect(login.status).toBe(200);
    const record = await t.http().get('/api/v1/me/record').set(bearer(login.body.accessToken));
    expect(record.status).toBe(200);
    expect(record.body.identity.postId).toBe(postId);
    expect((await t.http().get(`/api/v1/officers/${other.postId}`).set(bearer(login.body.accessToken))).status).toBe(404);
  });
});
