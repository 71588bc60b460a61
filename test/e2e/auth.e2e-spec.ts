import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, startTestApp, TestApp, USER_PASSWORD } from '../support/test-app';

describe('authentication (e2e)', () => {
  let t: TestApp;
  let agencyId: string;

  beforeAll(async () => {
    t = await startTestApp();
    agencyId = (await t.createOrganization('agency')).id;
  });
  afterAll(() => t.close());

  async function createUser(email: string, roles = ['agency_hiring']) {
    const response = await t
      .http()
      .post(`/api/v1/organizations/${agencyId}/users`)
      .set(bearer(await t.adminToken()))
      .send({ email, password: USER_PASSWORD, roles });
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  const login = (email: string, password: string) => t.http().post('/api/v1/auth/login').send({ email, password });

  it('should issue a bearer token that /me resolves to the user and organization', async () => {
    const response = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 1800 });
    const me = await t.http().get('/api/v1/me').set(bearer(response.body.accessToken));
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      kind: 'user',
      id: expect.any(String),
      organizationId: await t.commissionId(),
      organizationType: 'commission',
      roles: ['commission_admin'],
      // The harness sets MFA_REQUIRED_ROLES empty; mfa.e2e-spec.ts covers the second factor.
      mfa: { enrolled: false, required: false },
    });
  });

  it('should answer unknown user and wrong password with the same 401 body', async () => {
    await createUser('same401@example.test');
    const unknown = await login('nobody@example.test', USER_PASSWORD);
    const wrong = await login('same401@example.test', 'not-the-password!');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const strip = (body: Record<string, unknown>) => ({ ...body, instance: undefined });
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('should lock an account after five failures, refuse even the right password, and open it on admin unlock', async () => {
    const id = await createUser('lockme@example.test');
    for (let i = 0; i < 5; i++) expect((await login('lockme@example.test', `wrong-password-${i}`)).status).toBe(401);
    expect((await login('lockme@example.test', USER_PASSWORD)).status).toBe(401);

    const { rows } = await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [id]);
    expect(rows.map((r) => r.action)).toEqual([
      'user.create',
      'auth.login_failed',
      'auth.login_failed',
      'auth.login_failed',
      'auth.login_failed',
      'auth.account_locked',
      'auth.login_failed',
    ]);

    const unlock = await t
      .http()
      .post(`/api/v1/users/${id}/unlock`)
      .set(bearer(await t.adminToken()));
    expect(unlock.status).toBe(200);
    expect(unlock.body.locked).toBe(false);
    expect((await login('lockme@example.test', USER_PASSWORD)).status).toBe(200);
  });

  it('should count parallel wrong guesses so that a burst still locks the account', async () => {
    const id = await createUser('burst@example.test');
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => login('burst@example.test', `wrong-guess-${i}`)));
    expect(results.every((r) => r.status === 401)).toBe(true);
    expect((await login('burst@example.test', USER_PASSWORD)).status).toBe(401);
    const { rows } = await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action LIKE 'auth.%'`, [id]);
    // Every guess is recorded; the fifth locks the account, the rest (and the right password) are refused while locked.
    expect(rows.filter((r) => r.action === 'auth.account_locked')).toHaveLength(1);
    expect(rows).toHaveLength(9);
  });

  it('should audit a successful login', async () => {
    await createUser('audited@example.test');
    const token = (await login('audited@example.test', USER_PASSWORD)).body.accessToken;
    const me = await t.http().get('/api/v1/me').set(bearer(token));
    const { rows } = await t.db.query(`SELECT actor_id FROM audit_log WHERE action = 'auth.login' AND entity_id = $1`, [me.body.id]);
    expect(rows).toEqual([{ actor_id: me.body.id }]);
  });

  it('should refuse a disabled user on the next request', async () => {
    const id = await createUser('disable@example.test');
    const token = (await login('disable@example.test', USER_PASSWORD)).body.accessToken;
    expect((await t.http().get('/api/v1/me').set(bearer(token))).status).toBe(200);
    expect(
      (
        await t
          .http()
          .post(`/api/v1/users/${id}/disable`)
          .set(bearer(await t.adminToken()))
      ).status,
    ).toBe(200);
    expect((await t.http().get('/api/v1/me').set(bearer(token))).status).toBe(401);
    expect((await login('disable@example.test', USER_PASSWORD)).status).toBe(401);
  });

  it('should refuse a tampered or foreign-signed token', async () => {
    const token = await t.adminToken();
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('x'.repeat(32)).toString('base64url')}`;
    expect((await t.http().get('/api/v1/me').set(bearer(forged))).status).toBe(401);
    expect((await t.http().get('/api/v1/me').set(bearer('not-a-jwt'))).status).toBe(401);
  });

  it('should authenticate an API key by header, show it once, store only a hash, and refuse it once revoked', async () => {
    const created = await t
      .http()
      .post(`/api/v1/organizations/${agencyId}/api-keys`)
      .set(bearer(await t.adminToken()))
      .send({ name: 'HR system', roles: ['agency_hiring'] });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^prk_/);
    const { rows } = await t.db.query(`SELECT encode(key_hash, 'hex') AS h FROM api_key WHERE id = $1`, [created.body.id]);
    expect(rows[0].h).toHaveLength(64);
    expect(JSON.stringify(rows)).not.toContain(created.body.key);

    const me = await t.http().get('/api/v1/me').set('X-API-Key', created.body.key);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'api_key', organizationId: agencyId, organizationType: 'agency', roles: ['agency_hiring'] });
    expect(
      (
        await t
          .http()
          .get('/api/v1/me')
          .set('X-API-Key', created.body.key.slice(0, -1) + (created.body.key.endsWith('A') ? 'B' : 'A'))
      ).status,
    ).toBe(401);

    expect(
      (
        await t
          .http()
          .post(`/api/v1/api-keys/${created.body.id}/revoke`)
          .set(bearer(await t.adminToken()))
      ).status,
    ).toBe(200);
    expect((await t.http().get('/api/v1/me').set('X-API-Key', created.body.key)).status).toBe(401);
  });

  it('should refuse passwords under 12 characters and roles foreign to the organization type', async () => {
    const short = await t
      .http()
      .post(`/api/v1/organizations/${agencyId}/users`)
      .set(bearer(await t.adminToken()))
      .send({ email: 'short@example.test', password: 'elevenchars', roles: ['agency_hiring'] });
    expect(short.status).toBe(400);
    expect(short.body.errors).toEqual([{ field: 'password', message: expect.stringContaining('12') }]);

    const foreign = await t
      .http()
      .post(`/api/v1/organizations/${agencyId}/users`)
      .set(bearer(await t.adminToken()))
      .send({ email: 'foreign@example.test', password: USER_PASSWORD, roles: ['commission_adjudicator'] });
    expect(foreign.status).toBe(422);
    expect(foreign.body.reasons).toEqual(['roles_not_allowed_for_organization_type']);
    const { rowCount } = await t.db.query(`SELECT 1 FROM app_user WHERE email IN ('short@example.test', 'foreign@example.test')`);
    expect(rowCount).toBe(0);
  });

  it('should let an agency admin manage its own users but not another organization', async () => {
    const adminOfAgency = await t.userToken(agencyId, ['agency_admin']);
    const other = await t.createOrganization('agency');
    const own = await t
      .http()
      .post(`/api/v1/organizations/${agencyId}/users`)
      .set(bearer(adminOfAgency))
      .send({ email: 'own@example.test', password: USER_PASSWORD, roles: ['agency_hiring'] });
    expect(own.status).toBe(201);
    const foreign = await t
      .http()
      .post(`/api/v1/organizations/${other.id}/users`)
      .set(bearer(adminOfAgency))
      .send({ email: 'theirs@example.test', password: USER_PASSWORD, roles: ['agency_hiring'] });
    expect(foreign.status).toBe(403);
    const { rows } = await t.db.query(`SELECT email, organization_id, roles FROM app_user WHERE email IN ('own@example.test', 'theirs@example.test')`);
    expect(rows).toEqual([{ email: 'own@example.test', organization_id: agencyId, roles: ['agency_hiring'] }]);

    // Another organization's user is "not found" to an agency admin, exactly like an unknown id.
    const theirUser = await t
      .http()
      .post(`/api/v1/organizations/${other.id}/users`)
      .set(bearer(await t.adminToken()))
      .send({ email: 'theirs@example.test', password: USER_PASSWORD, roles: ['agency_hiring'] });
    const disableTheirs = await t.http().post(`/api/v1/users/${theirUser.body.id}/disable`).set(bearer(adminOfAgency));
    const disableUnknown = await t.http().post(`/api/v1/users/00000000-0000-4000-8000-000000000000/disable`).set(bearer(adminOfAgency));
    expect([disableTheirs.status, disableUnknown.status]).toEqual([404, 404]);
    expect(disableTheirs.body.code).toBe(disableUnknown.body.code);
    const { rows: after } = await t.db.query(`SELECT disabled_at FROM app_user WHERE id = $1`, [theirUser.body.id]);
    expect(after).toEqual([{ disabled_at: null }]);
  });
});
