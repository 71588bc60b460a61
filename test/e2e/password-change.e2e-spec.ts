import { randomBytes } from 'node:crypto';
import { bearer, startTestApp, TestApp, USER_PASSWORD } from '../support/test-app';

const NEW_PASSWORD = 'a-different-long-password';

/** API.md "Accounts": POST /me/password, and every token issued before it stops working. */
describe('changing one’s password (e2e)', () => {
  let t: TestApp;
  let agencyId: string;

  beforeAll(async () => {
    t = await startTestApp();
    agencyId = (await t.createOrganization('agency')).id;
  });
  afterAll(() => t.close());

  const newUser = async () => {
    const email = `pw-${randomBytes(4).toString('hex')}@example.test`;
    const created = await t
      .http()
      .post(`/api/v1/organizations/${agencyId}/users`)
      .set(bearer(await t.adminToken()))
      .send({ email, password: USER_PASSWORD, roles: ['agency_hiring'] });
    expect(created.status).toBe(201);
    return { email, id: created.body.id as string };
  };
  const change = (token: string, body: Record<string, unknown>) => t.http().post('/api/v1/me/password').set(bearer(token)).send(body);
  const me = (token: string) => t.http().get('/api/v1/me').set(bearer(token));

  it('changes the password, refuses every token issued before, and answers with a fresh one', async () => {
    const { email, id } = await newUser();
    const first = await t.login(email);
    const second = await t.login(email);
    const changed = await change(first, { currentPassword: USER_PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 1800 });
    expect((await me(first)).status).toBe(401);
    expect((await me(second)).status).toBe(401);
    expect((await me(changed.body.accessToken)).status).toBe(200);
    expect((await t.http().post('/api/v1/auth/login').send({ email, password: USER_PASSWORD })).status).toBe(401);
    expect((await me(await t.login(email, NEW_PASSWORD))).status).toBe(200);
    const { rows } = await t.db.query(`SELECT actor_id, details FROM audit_log WHERE action = 'auth.password_changed' AND entity_id = $1`, [id]);
    expect(rows).toEqual([{ actor_id: id, details: { tokensRevokedBefore: 1 } }]);
  });

  it('refuses a wrong current password with 403 and counts it toward the lockout', async () => {
    const { email } = await newUser();
    const token = await t.login(email);
    for (let i = 0; i < 5; i++) {
      const refused = await change(token, { currentPassword: 'not-the-password', newPassword: NEW_PASSWORD });
      expect(refused.status).toBe(403);
      expect(refused.body.code).toBe('AUTH.CURRENT_PASSWORD_WRONG');
    }
    // Locked now: even the right password is refused, at login and here.
    expect((await t.http().post('/api/v1/auth/login').send({ email, password: USER_PASSWORD })).status).toBe(401);
    expect((await change(token, { currentPassword: USER_PASSWORD, newPassword: NEW_PASSWORD })).body.code).toBe('AUTH.CURRENT_PASSWORD_WRONG');
  });

  it('refuses the same password (422), a short one and unknown fields (400), and API keys (403), changing nothing', async () => {
    const { email } = await newUser();
    const token = await t.login(email);
    const same = await change(token, { currentPassword: USER_PASSWORD, newPassword: USER_PASSWORD });
    expect([same.status, same.body.code]).toEqual([422, 'AUTH.PASSWORD_UNCHANGED']);
    const short = await change(token, { currentPassword: USER_PASSWORD, newPassword: 'short' });
    expect([short.status, short.body.errors?.[0]?.field]).toEqual([400, 'newPassword']);
    const unknown = await change(token, { currentPassword: USER_PASSWORD, newPassword: NEW_PASSWORD, email: 'x@example.test' });
    expect(unknown.status).toBe(400);
    expect((await me(token)).status).toBe(200);

    const adminOfAgency = await t.userToken(agencyId, ['agency_admin']);
    const key = await t
      .http()
      .post(`/api/v1/organizations/${agencyId}/api-keys`)
      .set(bearer(adminOfAgency))
      .send({ name: 'hr', roles: ['agency_hiring'] });
    const byKey = await t.http().post('/api/v1/me/password').set('X-API-Key', key.body.key).send({ currentPassword: USER_PASSWORD, newPassword: NEW_PASSWORD });
    expect([byKey.status, byKey.body.code]).toEqual([403, 'AUTH.USER_ONLY']);
  });
});
