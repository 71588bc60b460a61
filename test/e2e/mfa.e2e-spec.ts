import { FixedClock, Role } from '@app/core';
import { randomBytes } from 'node:crypto';
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, startTestApp, TestApp, totpCode, USER_PASSWORD } from '../support/test-app';

const REQUIRED = 'commission_admin,commission_investigator,commission_adjudicator,agency_admin';
const STEP = 30_000;

/**
 * API.md "Accounts: second factor": TOTP enrolment, the two-step login, recovery codes, the
 * limited token of a user who must enrol, the lockout, an administrator's reset, the audit trail.
 * MFA_REQUIRED_ROLES at its default; the clock pinned 10 s into a 30-second step.
 */
describe('second factor (e2e)', () => {
  const start = new Date(Math.floor(Date.now() / STEP) * STEP + 10_000);
  const clock = new FixedClock(start);
  const advance = (seconds: number) => clock.set(new Date(clock.now().getTime() + seconds * 1000));
  const code = (secret: string, offsetSteps = 0) => totpCode(secret, new Date(clock.now().getTime() + offsetSteps * STEP));
  let t: TestApp;
  let adminToken: string;
  let agencyId: string;

  const login = (email: string, password = USER_PASSWORD) => t.http().post('/api/v1/auth/login').send({ email, password });
  const secondStep = (challengeToken: string, value: string) => t.http().post('/api/v1/auth/login/mfa').send({ challengeToken, code: value });
  const challenge = async (email: string, password = USER_PASSWORD) => {
    const response = await login(email, password);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ mfaRequired: true, challengeToken: expect.stringMatching(/^[\w-]{43}$/), expiresIn: 300 });
    return response.body.challengeToken as string;
  };
  const me = (token: string) => t.http().get('/api/v1/me').set(bearer(token));
  const audit = async (userId: string) =>
    (await t.db.query(`SELECT action, details FROM audit_log WHERE entity_id = $1 AND action LIKE 'auth.%' ORDER BY seq`, [userId])).rows as {
      action: string;
      details: Record<string, unknown> | null;
    }[];

  async function newUser(roles: Role[], organizationId = agencyId) {
    const email = `mfa-${randomBytes(4).toString('hex')}@example.test`;
    const created = await t
      .http()
      .post(`/api/v1/organizations/${organizationId}/users`)
      .set(bearer(adminToken))
      .send({ email, password: USER_PASSWORD, roles });
    expect(created.status).toBe(201);
    return { email, id: created.body.id as string };
  }

  /** A user of a required role, enrolled, and signed in with a full token. */
  async function enrolledUser(roles: Role[] = ['agency_admin']) {
    const user = await newUser(roles);
    const { secret, recoveryCodes } = await t.enrolTotp((await login(user.email)).body.accessToken);
    advance(30);
    return { ...user, secret, recoveryCodes, token: await t.loginWithTotp(user.email, USER_PASSWORD, secret) };
  }

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { MFA_REQUIRED_ROLES: REQUIRED } });
  });
  afterAll(() => t.close());

  it('has the bootstrap administrator enrol at first sign-in: a limited token, enrolment, then two steps', async () => {
    const first = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900, mfaEnrolmentRequired: true });
    const limited = first.body.accessToken as string;

    // The limited token: GET /me and enrolment, nothing else.
    const described = await me(limited);
    expect([described.status, described.body.mfa]).toEqual([200, { enrolled: false, required: true }]);
    for (const [method, path] of [
      ['get', '/api/v1/organizations'],
      ['get', '/api/v1/audit'],
      ['post', '/api/v1/me/password'],
      ['post', '/api/v1/organizations'],
    ] as const) {
      const refused = await t.http()[method](path).set(bearer(limited)).send({});
      expect({ path, status: refused.status, code: refused.body.code }).toEqual({ path, status: 403, code: 'AUTH.MFA_ENROLMENT_REQUIRED' });
    }

    const started = await t.http().post('/api/v1/me/mfa/totp').set(bearer(limited));
    expect(started.status).toBe(200);
    expect(started.headers['cache-control']).toBe('no-store');
    const secret = started.body.secret as string;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(started.body.otpauthUri).toBe(`otpauth://totp/POST%20Registry:${encodeURIComponent(ADMIN_EMAIL)}?secret=${secret}&issuer=POST%20Registry`);
    // Encrypted at rest: the secret is nowhere in the row.
    const { rows: factor } = await t.db.query(`SELECT secret_ciphertext, confirmed_at FROM mfa_totp_factor`);
    expect(factor).toEqual([{ secret_ciphertext: expect.stringMatching(/^v1\./), confirmed_at: null }]);
    expect(factor[0].secret_ciphertext).not.toContain(secret);

    // Not enrolled until confirmed: the next sign-in is still limited.
    expect((await login(ADMIN_EMAIL, ADMIN_PASSWORD)).body.mfaEnrolmentRequired).toBe(true);
    const wrong = await t
      .http()
      .post('/api/v1/me/mfa/totp/confirm')
      .set(bearer(limited))
      .send({ code: code(secret, 3) });
    expect([wrong.status, wrong.body.code]).toEqual([422, 'AUTH.MFA_CONFIRMATION_FAILED']);
    const confirmed = await t
      .http()
      .post('/api/v1/me/mfa/totp/confirm')
      .set(bearer(limited))
      .send({ code: code(secret) });
    expect(confirmed.status).toBe(200);
    const recoveryCodes = confirmed.body.recoveryCodes as string[];
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const recoveryCode of recoveryCodes) expect(recoveryCode).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    const { rows: stored } = await t.db.query(`SELECT encode(code_hash, 'hex') AS hash FROM mfa_recovery_code`);
    expect(stored).toHaveLength(10);
    for (const { hash } of stored) for (const recoveryCode of recoveryCodes) expect(hash).not.toContain(Buffer.from(recoveryCode).toString('hex'));
    const again = await t.http().post('/api/v1/me/mfa/totp').set(bearer(limited));
    expect([again.status, again.body.code]).toEqual([409, 'AUTH.MFA_ALREADY_ENROLLED']);

    // Two steps from now on.
    advance(30);
    const challengeToken = await challenge(ADMIN_EMAIL, ADMIN_PASSWORD);
    const signedIn = await secondStep(challengeToken, code(secret));
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers['cache-control']).toBe('no-store');
    expect(signedIn.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 1800 });
    adminToken = signedIn.body.accessToken;
    expect((await me(adminToken)).body.mfa).toEqual({ enrolled: true, required: true });
    agencyId = (await t.http().post('/api/v1/organizations').set(bearer(adminToken)).send({ type: 'agency', name: 'MFA agency', code: 'MFAAG' })).body.id;
    expect(agencyId).toEqual(expect.any(String));

    const adminId = (await me(adminToken)).body.id as string;
    const trail = await audit(adminId);
    expect(trail.map((entry) => entry.action)).toEqual([
      'auth.login',
      'auth.mfa_enrolment_started',
      'auth.login',
      'auth.mfa_enrolment_confirmed',
      'auth.mfa_challenge_issued',
      'auth.mfa_challenge_passed',
    ]);
    expect(trail[5].details).toEqual({ method: 'totp', requestId: expect.any(String) });
    // No secret, code or token in any audit entry.
    const { rows: all } = await t.db.query(`SELECT string_agg(details::text, ' ') AS text FROM audit_log`);
    for (const value of [secret, ...recoveryCodes, challengeToken, code(secret), limited]) expect(all[0].text).not.toContain(value);
  });

  it('signs in a user whose roles need no factor with the password alone, and two steps once one is enrolled', async () => {
    const user = await newUser(['agency_hiring']);
    const plain = await login(user.email);
    expect(plain.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 1800 });
    expect((await me(plain.body.accessToken)).body.mfa).toEqual({ enrolled: false, required: false });
    const { secret } = await t.enrolTotp(plain.body.accessToken);
    expect((await me(plain.body.accessToken)).body.mfa).toEqual({ enrolled: true, required: false });
    advance(30);
    await challenge(user.email);
    expect((await me(await t.loginWithTotp(user.email, USER_PASSWORD, secret))).status).toBe(200);
  });

  it('refuses a code accepted once, even within its own 30 seconds, and codes of earlier steps', async () => {
    const user = await enrolledUser();
    advance(30); // enrolledUser's sign-in used the current step
    const used = code(user.secret);
    expect((await secondStep(await challenge(user.email), used)).status).toBe(200);
    const replayed = await secondStep(await challenge(user.email), used);
    expect([replayed.status, replayed.body.code]).toEqual([401, 'AUTH.MFA_CODE_INVALID']);
    expect((await secondStep(await challenge(user.email), code(user.secret, -1))).status).toBe(401);
    const failures = (await audit(user.id)).filter((entry) => entry.action === 'auth.mfa_challenge_failed');
    expect(failures.map((entry) => entry.details?.reason)).toEqual(['replayed_code', 'replayed_code']);
  });

  it('accepts one step either side of the clock and no further', async () => {
    const user = await enrolledUser();
    advance(120); // the last used step is well behind
    expect((await secondStep(await challenge(user.email), code(user.secret, -2))).status).toBe(401);
    expect((await secondStep(await challenge(user.email), code(user.secret, -1))).status).toBe(200);
    expect((await secondStep(await challenge(user.email), code(user.secret, 2))).status).toBe(401);
    expect((await secondStep(await challenge(user.email), code(user.secret, 1))).status).toBe(200);
    // The next step was used: the current one is now a replay.
    expect((await secondStep(await challenge(user.email), code(user.secret))).status).toBe(401);
    const reasons = (await audit(user.id)).filter((entry) => entry.action === 'auth.mfa_challenge_failed').map((entry) => entry.details?.reason);
    expect(reasons).toEqual(['wrong_code', 'wrong_code', 'replayed_code']);
  });

  it('takes each recovery code once, in either case and with or without its dash', async () => {
    const user = await enrolledUser();
    const [first, second] = user.recoveryCodes;
    expect((await secondStep(await challenge(user.email), first)).status).toBe(200);
    const reused = await secondStep(await challenge(user.email), first);
    expect([reused.status, reused.body.code]).toEqual([401, 'AUTH.MFA_CODE_INVALID']);
    expect((await secondStep(await challenge(user.email), second.replace('-', '').toUpperCase())).status).toBe(200);
    const used = (await audit(user.id)).filter((entry) => entry.action === 'auth.mfa_recovery_code_used');
    expect(used.map((entry) => entry.details?.remaining)).toEqual([9, 8]);
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM mfa_recovery_code WHERE user_id = $1 AND used_at IS NOT NULL`, [user.id]);
    expect(rows[0].n).toBe(2);
  });

  it('lets one of two concurrent sign-ins with the same recovery code through, and one of two with the same challenge', async () => {
    const user = await enrolledUser();
    const recoveryCode = user.recoveryCodes[0];
    const [a, b] = [await challenge(user.email), await challenge(user.email)];
    const statuses = (await Promise.all([secondStep(a, recoveryCode), secondStep(b, recoveryCode)])).map((response) => response.status).sort();
    expect(statuses).toEqual([200, 401]);

    advance(60);
    const shared = await challenge(user.email);
    const both = await Promise.all([secondStep(shared, code(user.secret)), secondStep(shared, user.recoveryCodes[1])]);
    expect(both.map((response) => response.status).sort()).toEqual([200, 401]);
    expect(both.find((response) => response.status === 401)!.body.code).toMatch(/^AUTH\.MFA_(CHALLENGE|CODE)_INVALID$/);
  });

  it('uses a challenge once, and not after five minutes', async () => {
    const user = await enrolledUser();
    advance(60);
    const used = await challenge(user.email);
    expect((await secondStep(used, code(user.secret))).status).toBe(200);
    advance(30);
    const again = await secondStep(used, code(user.secret));
    expect([again.status, again.body.code]).toEqual([401, 'AUTH.MFA_CHALLENGE_INVALID']);

    const late = await challenge(user.email);
    advance(300);
    const expired = await secondStep(late, code(user.secret));
    expect([expired.status, expired.body.code]).toEqual([401, 'AUTH.MFA_CHALLENGE_INVALID']);
    const unknown = await secondStep(randomBytes(32).toString('base64url'), code(user.secret));
    expect([unknown.status, unknown.body.code]).toEqual([401, 'AUTH.MFA_CHALLENGE_INVALID']);
    const reasons = (await audit(user.id)).filter((entry) => entry.action === 'auth.mfa_challenge_failed').map((entry) => entry.details?.reason);
    expect(reasons).toEqual(['challenge_used', 'challenge_expired']);
    // Neither counted toward the lockout: no code was guessed.
    expect((await t.db.query(`SELECT recent_failed_logins FROM app_user WHERE id = $1`, [user.id])).rows[0].recent_failed_logins).toEqual([]);
    expect((await secondStep(await challenge(user.email), code(user.secret))).status).toBe(200);
  });

  it('counts wrong codes toward the password lockout, and a right password in between does not clear them', async () => {
    const user = await enrolledUser();
    advance(60);
    const first = await challenge(user.email);
    for (let i = 0; i < 3; i++) expect((await secondStep(first, '000000')).status).toBe(401);
    const second = await challenge(user.email); // the password again: the three failures stay
    expect((await secondStep(second, 'aaaaa-aaaaa')).status).toBe(401);
    expect((await secondStep(second, '111111')).status).toBe(401);
    // Locked: the right code, and the right password, are refused alike.
    const locked = await secondStep(second, code(user.secret));
    expect([locked.status, locked.body.code]).toEqual([401, 'AUTH.MFA_CODE_INVALID']);
    expect((await login(user.email)).status).toBe(401);
    const actions = (await audit(user.id)).map((entry) => entry.action);
    expect(actions.filter((action) => action === 'auth.account_locked')).toHaveLength(1);
    const lockedUntil = (await t.db.query(`SELECT locked_until FROM app_user WHERE id = $1`, [user.id])).rows[0].locked_until as Date;
    expect(lockedUntil.getTime()).toBe(clock.now().getTime() + 30 * 60_000);
    // An administrator's unlock lets the right code through.
    expect((await t.http().post(`/api/v1/users/${user.id}/unlock`).set(bearer(adminToken))).status).toBe(200);
    expect((await secondStep(await challenge(user.email), code(user.secret))).status).toBe(200);
  });

  it("resets a lost factor (commission_admin only): the user's tokens stop working and the next sign-in enrols again", async () => {
    const user = await enrolledUser();
    const agencyAdmin = await enrolledUser(['agency_admin']);
    const byAgency = await t.http().post(`/api/v1/users/${user.id}/mfa/reset`).set(bearer(agencyAdmin.token));
    expect(byAgency.status).toBe(403);
    const unknown = await t.http().post(`/api/v1/users/00000000-0000-4000-8000-000000000000/mfa/reset`).set(bearer(adminToken));
    expect(unknown.status).toBe(404);

    const reset = await t.http().post(`/api/v1/users/${user.id}/mfa/reset`).set(bearer(adminToken));
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({ id: user.id, mfa: { enrolled: false, required: true } });
    expect((await me(user.token)).status).toBe(401);
    for (const table of ['mfa_totp_factor', 'mfa_recovery_code', 'mfa_challenge']) {
      expect((await t.db.query(`SELECT count(*)::int AS n FROM ${table} WHERE user_id = $1`, [user.id])).rows[0].n).toBe(0);
    }
    const again = await login(user.email);
    expect(again.body.mfaEnrolmentRequired).toBe(true);
    expect((await secondStep(await challenge(agencyAdmin.email), user.recoveryCodes[0])).status).toBe(401); // another user's code
    const { rows } = await t.db.query(`SELECT actor_id, details FROM audit_log WHERE action = 'auth.mfa_reset' AND entity_id = $1`, [user.id]);
    expect(rows).toEqual([{ actor_id: (await me(adminToken)).body.id, details: { hadFactor: true, tokensRevokedBefore: 1 } }]);
  });

  it('refuses malformed input with 400 and counts none of it toward the lockout', async () => {
    const user = await enrolledUser();
    const challengeToken = await challenge(user.email);
    for (const body of [
      { challengeToken, code: '12345' },
      { challengeToken, code: '1234567' },
      { challengeToken, code: 'abc' },
      { challengeToken, code: 123456 },
      { challengeToken, code: code(user.secret), remember: true },
      { challengeToken: 'short', code: code(user.secret) },
      { code: code(user.secret) },
    ]) {
      const refused = await t.http().post('/api/v1/auth/login/mfa').send(body);
      expect({ body, status: refused.status, code: refused.body.code }).toEqual({ body, status: 400, code: 'REQUEST.INVALID' });
    }
    for (const body of [{ code: '12345' }, { code: '123456', extra: 1 }, {}]) {
      const refused = await t.http().post('/api/v1/me/mfa/totp/confirm').set(bearer(user.token)).send(body);
      expect({ body, status: refused.status }).toEqual({ body, status: 400 });
    }
    expect((await t.db.query(`SELECT recent_failed_logins FROM app_user WHERE id = $1`, [user.id])).rows[0].recent_failed_logins).toEqual([]);
    const notStarted = await t
      .http()
      .post('/api/v1/me/mfa/totp/confirm')
      .set(bearer((await login((await newUser(['agency_hiring'])).email)).body.accessToken))
      .send({ code: '123456' });
    expect([notStarted.status, notStarted.body.code]).toEqual([409, 'AUTH.MFA_ENROLMENT_NOT_STARTED']);
  });

  it('leaves API keys as they were: no factor, none required, no enrolment', async () => {
    const agencyAdmin = await enrolledUser(['agency_admin']);
    const key = await t
      .http()
      .post(`/api/v1/organizations/${agencyId}/api-keys`)
      .set(bearer(agencyAdmin.token))
      .send({ name: 'hr', roles: ['agency_hiring'] });
    expect(key.status).toBe(201);
    const described = await t.http().get('/api/v1/me').set('X-API-Key', key.body.key);
    expect([described.status, described.body.mfa]).toEqual([200, { enrolled: false, required: false }]);
    const enrol = await t.http().post('/api/v1/me/mfa/totp').set('X-API-Key', key.body.key);
    expect([enrol.status, enrol.body.code]).toEqual([403, 'AUTH.USER_ONLY']);
  });
});
