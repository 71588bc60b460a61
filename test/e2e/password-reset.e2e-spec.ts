import { AccountTokensService } from '@app/auth';
import { FixedClock } from '@app/core';
import { randomBytes } from 'node:crypto';
import { ADMIN_PASSWORD, bearer, startTestApp, TestApp, USER_PASSWORD } from '../support/test-app';

const NEW_PASSWORD = 'a-fresh-long-password-7';
const START = new Date('2026-05-04T10:00:00.000Z');
const BASE = 'https://post.example.test';
const RESET_URL = new RegExp(`^${BASE.replace(/\./g, '\\.')}/console/reset-password#token=([A-Za-z0-9_-]{43})$`);

/** The token in a link's fragment. */
const tokenOf = (url: string) => /#token=([A-Za-z0-9_-]+)$/.exec(url)?.[1] ?? '';

/**
 * API.md "Accounts: second factor, passwords, invitations": an administrator's one-use reset
 * link (returned once without SMTP_URL, mailed with it), POST /auth/password-reset, and the
 * invitation's POST /auth/activate, each audited without the token.
 */
describe('password reset links and activation (e2e)', () => {
  let t: TestApp;
  const clock = new FixedClock(START);
  let agencyId: string;
  let otherAgencyId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { PUBLIC_BASE_URL: `${BASE}/` } });
    agencyId = (await t.createOrganization('agency')).id;
    otherAgencyId = (await t.createOrganization('agency')).id;
  });
  afterAll(() => t.close());
  afterEach(() => clock.set(START));

  const newUser = async (organizationId = agencyId) => {
    const email = `reset-${randomBytes(4).toString('hex')}@example.test`;
    const created = await t
      .http()
      .post(`/api/v1/organizations/${organizationId}/users`)
      .set(bearer(await t.adminToken()))
      .send({ email, password: USER_PASSWORD, roles: ['agency_hiring'] });
    expect(created.status).toBe(201);
    return { email, id: created.body.id as string };
  };
  const startReset = async (userId: string, token?: string) =>
    t
      .http()
      .post(`/api/v1/users/${userId}/password-reset`)
      .set(bearer(token ?? (await t.adminToken())));
  const reset = (body: Record<string, unknown>) => t.http().post('/api/v1/auth/password-reset').send(body);
  const activate = (body: Record<string, unknown>) => t.http().post('/api/v1/auth/activate').send(body);
  const signIn = (email: string, password: string) => t.http().post('/api/v1/auth/login').send({ email, password });
  const me = (token: string) => t.http().get('/api/v1/me').set(bearer(token));
  const auditOf = async (userId: string) =>
    (await t.db.query(`SELECT action, actor_id, details FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [userId])).rows as {
      action: string;
      actor_id: string | null;
      details: Record<string, unknown>;
    }[];

  it('a commission admin starts a reset: the link is returned once, works once, and ends every earlier session', async () => {
    const { email, id } = await newUser();
    const earlierSession = await t.login(email);
    const started = await startReset(id);
    expect(started.status).toBe(201);
    expect(started.headers['cache-control']).toBe('no-store');
    expect(started.body).toEqual({ expiresAt: '2026-05-04T11:00:00.000Z', resetUrl: expect.stringMatching(RESET_URL) });
    const token = tokenOf(started.body.resetUrl);

    // Only the token's SHA-256 is stored.
    const { rows } = await t.db.query(`SELECT purpose, token_hash, expires_at, used_at FROM account_token WHERE user_id = $1`, [id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ purpose: 'password_reset', expires_at: new Date('2026-05-04T11:00:00.000Z'), used_at: null });
    expect((rows[0].token_hash as Buffer).toString('hex')).not.toContain(Buffer.from(token).toString('hex'));

    clock.set(new Date('2026-05-04T10:59:00.000Z'));
    const done = await reset({ token, newPassword: NEW_PASSWORD });
    expect(done.status).toBe(204);
    expect((await me(earlierSession)).status).toBe(401);
    expect((await signIn(email, USER_PASSWORD)).status).toBe(401);
    expect((await me(await t.login(email, NEW_PASSWORD))).status).toBe(200);

    // One use.
    const again = await reset({ token, newPassword: 'yet-another-long-password' });
    expect([again.status, again.body.code]).toEqual([400, 'ACCOUNT_TOKEN.INVALID']);
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(200);

    // Audited at each step, and never with the token or the link.
    const entries = await auditOf(id);
    expect(entries.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['auth.password_reset_issued', 'auth.password_reset', 'auth.account_token_refused']),
    );
    expect(entries.find((entry) => entry.action === 'auth.password_reset')).toMatchObject({
      actor_id: id,
      details: { tokensRevokedBefore: 1, lockoutCleared: true },
    });
    expect(entries.find((entry) => entry.action === 'auth.account_token_refused')).toMatchObject({
      actor_id: null,
      details: { reason: 'used', purpose: 'password_reset' },
    });
    const { rows: everything } = await t.db.query(`SELECT details::text AS details FROM audit_log`);
    for (const row of everything) expect(row.details).not.toContain(token);
  });

  it('an agency admin resets its own users; another agency’s admin gets 404 and is audited; other roles 403', async () => {
    const { email, id } = await newUser();
    const ownAdmin = await t.userToken(agencyId, ['agency_admin']);
    const otherAdmin = await t.userToken(otherAgencyId, ['agency_admin']);
    const colleague = await t.userToken(agencyId, ['agency_hiring']);

    const refused = await startReset(id, otherAdmin);
    expect([refused.status, refused.body.code]).toEqual([404, 'USER.NOT_FOUND']);
    expect((await startReset(id, colleague)).status).toBe(403);
    expect((await startReset('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await t.db.query(`SELECT 1 FROM account_token WHERE user_id = $1`, [id])).rowCount).toBe(0);
    await t.foldAudit(); // refusals wait in audit_pending until folded into the chain
    const refusals = (await auditOf(id)).filter((entry) => entry.action === 'access.refused');
    expect(refusals[0]).toMatchObject({ details: { attempt: 'auth.password_reset_issued', code: 'USER.NOT_FOUND' } });

    const started = await startReset(id, ownAdmin);
    expect(started.status).toBe(201);
    expect((await reset({ token: tokenOf(started.body.resetUrl), newPassword: NEW_PASSWORD })).status).toBe(204);
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(200);
  });

  it('refuses an expired link, an earlier link once a new one is issued, and a made-up token, all with one answer', async () => {
    const { email, id } = await newUser();
    const first = tokenOf((await startReset(id)).body.resetUrl);
    const second = tokenOf((await startReset(id)).body.resetUrl);
    const replaced = await reset({ token: first, newPassword: NEW_PASSWORD });
    expect([replaced.status, replaced.body.code]).toEqual([400, 'ACCOUNT_TOKEN.INVALID']);

    clock.set(new Date('2026-05-04T11:00:00.000Z'));
    const expired = await reset({ token: second, newPassword: NEW_PASSWORD });
    expect(expired.body).toEqual(replaced.body);
    const madeUp = await reset({ token: randomBytes(32).toString('base64url'), newPassword: NEW_PASSWORD });
    expect(madeUp.body).toEqual(replaced.body);
    expect((await signIn(email, USER_PASSWORD)).status).toBe(200);

    const reasons = (await auditOf(id)).filter((entry) => entry.action === 'auth.account_token_refused').map((entry) => entry.details.reason);
    expect(reasons).toEqual(['revoked', 'expired']);
  });

  it('lets exactly one of two simultaneous uses of a token through', async () => {
    const { email, id } = await newUser();
    const token = tokenOf((await startReset(id)).body.resetUrl);
    const answers = await Promise.all([
      reset({ token, newPassword: 'first-racer-password-1' }),
      reset({ token, newPassword: 'second-racer-password-2' }),
      reset({ token, newPassword: 'third-racer-password-3' }),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([204, 400, 400]);
    const winner = ['first-racer-password-1', 'second-racer-password-2', 'third-racer-password-3'][answers.findIndex((answer) => answer.status === 204)];
    expect((await signIn(email, winner)).status).toBe(200);
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'auth.password_reset'`, [id]);
    expect(rows[0].n).toBe(1);
  });

  it('lifts a lockout', async () => {
    const { email, id } = await newUser();
    for (let i = 0; i < 5; i++) expect((await signIn(email, 'not-the-password-at-all')).status).toBe(401);
    expect((await signIn(email, USER_PASSWORD)).status).toBe(401);
    const token = tokenOf((await startReset(id)).body.resetUrl);
    expect((await reset({ token, newPassword: NEW_PASSWORD })).status).toBe(204);
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(200);
  });

  it('gives a disabled user no link, and a link issued before disabling stops working', async () => {
    const { email, id } = await newUser();
    const token = tokenOf((await startReset(id)).body.resetUrl);
    expect(
      (
        await t
          .http()
          .post(`/api/v1/users/${id}/disable`)
          .set(bearer(await t.adminToken()))
      ).status,
    ).toBe(200);
    const refused = await startReset(id);
    expect([refused.status, refused.body.code]).toEqual([422, 'USER.DISABLED']);
    expect((await reset({ token, newPassword: NEW_PASSWORD })).body.code).toBe('ACCOUNT_TOKEN.INVALID');
    expect((await t.db.query(`SELECT used_at FROM account_token WHERE user_id = $1`, [id])).rows).toEqual([{ used_at: null }]);
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(401);
  });

  it('refuses bad input with 400 naming the field, changing nothing', async () => {
    const { email, id } = await newUser();
    const token = tokenOf((await startReset(id)).body.resetUrl);
    const cases: [Record<string, unknown>, string][] = [
      [{ token, newPassword: 'short' }, 'newPassword'],
      [{ token, newPassword: 'x'.repeat(129) }, 'newPassword'],
      [{ token }, 'newPassword'],
      [{ newPassword: NEW_PASSWORD }, 'token'],
      [{ token: 42, newPassword: NEW_PASSWORD }, 'token'],
      [{ token, newPassword: NEW_PASSWORD, email }, 'email'],
    ];
    for (const [body, field] of cases) {
      const answer = await reset(body);
      expect([answer.status, answer.body.code]).toEqual([400, 'REQUEST.INVALID']);
      expect(answer.body.errors.map((error: { field: string }) => error.field)).toContain(field);
    }
    expect(
      (
        await t
          .http()
          .post('/api/v1/users/not-a-uuid/password-reset')
          .set(bearer(await t.adminToken()))
      ).status,
    ).toBe(400);
    expect((await t.db.query(`SELECT used_at FROM account_token WHERE user_id = $1`, [id])).rows).toEqual([{ used_at: null }]);
    expect((await reset({ token, newPassword: NEW_PASSWORD })).status).toBe(204);
  });

  it('refuses a common password on every path that sets one (ASVS 2.1.7), with a 400 naming the field', async () => {
    const common = 'Password1234';
    const expectCommon = (answer: { status: number; body: { errors?: { field: string; message: string }[] } }, field: string) => {
      expect(answer.status).toBe(400);
      expect(answer.body.errors).toEqual([{ field, message: `${field} is on a list of common or breached passwords; choose another` }]);
    };
    const created = await t
      .http()
      .post(`/api/v1/organizations/${agencyId}/users`)
      .set(bearer(await t.adminToken()))
      .send({ email: 'common@example.test', password: common, roles: ['agency_hiring'] });
    expectCommon(created, 'password');
    expect((await t.db.query(`SELECT 1 FROM app_user WHERE email = 'common@example.test'`)).rowCount).toBe(0);

    const { email, id } = await newUser();
    const session = await t.login(email);
    expectCommon(await t.http().post('/api/v1/me/password').set(bearer(session)).send({ currentPassword: USER_PASSWORD, newPassword: common }), 'newPassword');

    const token = tokenOf((await startReset(id)).body.resetUrl);
    expectCommon(await reset({ token, newPassword: common }), 'newPassword');
    expectCommon(await reset({ token, newPassword: 'qwertyuiop123' }), 'newPassword');

    const invitation = await t.app.get(AccountTokensService).issueActivation({ ...(await adminActor()), requestId: 'test' }, id);
    expectCommon(await activate({ token: tokenOf(invitation.url!), password: common }), 'password');

    // Nothing was used up or changed.
    expect((await signIn(email, USER_PASSWORD)).status).toBe(200);
    expect((await reset({ token, newPassword: NEW_PASSWORD })).status).toBe(204);
  });

  /** The bootstrap administrator as an Actor, for the service call the officers' invitation will make. */
  async function adminActor() {
    const { rows } = await t.db.query(`SELECT id, organization_id FROM app_user WHERE email = 'admin@commission.test'`);
    return {
      kind: 'user' as const,
      id: rows[0].id as string,
      organizationId: rows[0].organization_id as string,
      organizationType: 'commission' as const,
      roles: ['commission_admin' as const],
    };
  }

  it('activates an invited account once through POST /auth/activate (the invitation issued as the officers’ issue will)', async () => {
    const { email, id } = await newUser();
    const service = t.app.get(AccountTokensService);
    const invitation = await service.issueActivation(await adminActor(), id, { ttlMs: 2 * 24 * 3_600_000 });
    expect(invitation.expiresAt.toISOString()).toBe('2026-05-06T10:00:00.000Z');
    expect(invitation.url).toMatch(new RegExp(`^${BASE.replace(/\./g, '\\.')}/console/activate#token=[A-Za-z0-9_-]{43}$`));
    const token = tokenOf(invitation.url!);

    // A reset token is not an activation token, nor the reverse.
    const wrongRoute = await reset({ token, newPassword: NEW_PASSWORD });
    expect(wrongRoute.body.code).toBe('ACCOUNT_TOKEN.INVALID');

    expect((await activate({ token, password: NEW_PASSWORD })).status).toBe(204);
    expect((await signIn(email, NEW_PASSWORD)).status).toBe(200);
    const again = await activate({ token, password: 'another-long-password-9' });
    expect([again.status, again.body.code]).toEqual([400, 'ACCOUNT_TOKEN.INVALID']);
    expect((await activate({ token, password: NEW_PASSWORD, extra: true })).status).toBe(400);

    const actions = (await auditOf(id)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.activation_issued', 'auth.account_activated']));
    const reasons = (await auditOf(id)).filter((entry) => entry.action === 'auth.account_token_refused').map((entry) => entry.details.reason);
    expect(reasons).toEqual(['wrong_purpose', 'used']);
  });

  it('refuses an expired invitation', async () => {
    const { email, id } = await newUser();
    const invitation = await t.app.get(AccountTokensService).issueActivation(await adminActor(), id);
    expect(invitation.expiresAt.toISOString()).toBe('2026-05-11T10:00:00.000Z');
    clock.set(new Date('2026-05-11T10:00:01.000Z'));
    expect((await activate({ token: tokenOf(invitation.url!), password: NEW_PASSWORD })).body.code).toBe('ACCOUNT_TOKEN.INVALID');
    expect((await signIn(email, USER_PASSWORD)).status).toBe(200);
  });

  it('PostgreSQL itself refuses to reopen or reuse a closed token', async () => {
    const { id } = await newUser();
    await startReset(id);
    await t.db.query(`UPDATE account_token SET used_at = now() WHERE user_id = $1`, [id]);
    await expect(t.db.query(`UPDATE account_token SET used_at = NULL WHERE user_id = $1`, [id])).rejects.toThrow(/already used or revoked/);
    await expect(t.db.query(`UPDATE account_token SET expires_at = expires_at + interval '1 day' WHERE user_id = $1`, [id])).rejects.toThrow(
      /already used or revoked/,
    );
  });

  it('keeps the bootstrap administrator’s own password usable (the test password is not on the list)', async () => {
    expect((await signIn('admin@commission.test', ADMIN_PASSWORD)).status).toBe(200);
  });
});
