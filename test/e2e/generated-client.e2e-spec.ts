import { randomBytes } from 'node:crypto';
import { createRegistryClient, Problem, RegistryClient } from '../../client';
import { caseTokens, openCase } from '../support/case-helpers';
import { certifyBySql, officerIdOf } from '../support/factories';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, TestApp, USER_PASSWORD } from '../support/test-app';

/**
 * The typed client generated from openapi.json (client/, `npm run generate:client`) against the
 * real app over HTTP: what a client generator's user gets, statuses, bodies and problems typed by
 * the document. A document that drifted from the API fails here or in `npm run typecheck`.
 */
describe('generated client (e2e)', () => {
  let t: TestApp;
  let baseUrl: string;
  let anonymous: RegistryClient;
  let admin: RegistryClient;

  // Letters only: names refuse digits.
  const unique = () =>
    randomBytes(4)
      .toString('hex')
      .replace(/[0-9]/g, (digit) => 'ghijklmnop'[Number(digit)])
      .toUpperCase();
  const logIn = async (email: string, password: string) => {
    const { data, error } = await anonymous.POST('/api/v1/auth/login', { body: { email, password } });
    // A user with a second factor gets a challenge instead (mfa.e2e-spec.ts); the harness requires none.
    if (!data || !('accessToken' in data)) throw new Error(`login ${email} failed: ${JSON.stringify(error ?? data)}`);
    return createRegistryClient({ baseUrl, accessToken: data.accessToken });
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = await t.app.getUrl();
    anonymous = createRegistryClient({ baseUrl });
    admin = await logIn(ADMIN_EMAIL, ADMIN_PASSWORD);
  });
  afterAll(() => t.close());

  it('should log in, register an officer, run a hiring check and read the public record', async () => {
    const me = await admin.GET('/api/v1/me');
    expect(me.data).toMatchObject({ kind: 'user', organizationType: 'commission', roles: ['commission_admin'] });

    const officer = await admin.POST('/api/v1/officers', {
      params: { query: { confirmDistinct: true } },
      body: { firstName: 'Avery', lastName: `Quill${unique().toLowerCase()}`, dateOfBirth: '1985-02-03' },
    });
    expect(officer.response.status).toBe(201);
    const postId = officer.data!.postId;
    await certifyBySql(t, await officerIdOf(t, postId));

    const code = `AG${unique()}`;
    const agency = await admin.POST('/api/v1/organizations', { body: { type: 'agency', name: `Agency ${code}`, code } });
    expect(agency.response.status).toBe(201);
    const email = `hiring-${code.toLowerCase()}@example.test`;
    const user = await admin.POST('/api/v1/organizations/{id}/users', {
      params: { path: { id: agency.data!.id } },
      body: { email, password: USER_PASSWORD, roles: ['agency_hiring'] },
    });
    expect(user.response.status).toBe(201);
    const hiring = await logIn(email, USER_PASSWORD);

    const check = await hiring.POST('/api/v1/hiring-checks', { body: { postId } });
    expect(check.response.status).toBe(201);
    expect(check.data!.matches).toEqual([expect.objectContaining({ postId, hireable: true, certificationStatus: 'certified' })]);
    const stored = await hiring.GET('/api/v1/hiring-checks/{id}', { params: { path: { id: check.data!.id } } });
    expect(stored.data?.id).toBe(check.data!.id);

    const page = await anonymous.GET('/api/v1/public/officers/{postId}', { params: { path: { postId } } });
    expect(page.response.status).toBe(200);
    expect(page.data).toMatchObject({ postId, certificationStatus: 'certified' });
  });

  it('should type a refusal as the Problem document, with errors[] per field', async () => {
    const { data, error, response } = await admin.POST('/api/v1/officers', { body: { firstName: 'Avery', lastName: 'Quill', dateOfBirth: '03/02/1985' } });
    expect(data).toBeUndefined();
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const problem: Problem = error!;
    expect(problem).toMatchObject({ status: 400, code: 'REQUEST.INVALID', type: 'urn:post-registry:problem:REQUEST.INVALID' });
    expect(problem.errors).toEqual([expect.objectContaining({ field: 'dateOfBirth' })]);
  });

  it('should type the public 404 and the 401 of a missing credential as problems', async () => {
    const missing = await anonymous.GET('/api/v1/public/officers/{postId}', { params: { path: { postId: 'MA-999999999' } } });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.code).toBe('PUBLIC.OFFICER_NOT_FOUND');

    const unauthenticated = await anonymous.GET('/api/v1/me');
    expect(unauthenticated.response.status).toBe(401);
    expect(unauthenticated.error?.code).toBe('AUTH.UNAUTHENTICATED');
  });

  it("should read a new case's unreached stages as null, the commission's view told apart by `view`", async () => {
    const tokens = await caseTokens(t);
    const { postId } = (
      await admin.POST('/api/v1/officers', {
        params: { query: { confirmDistinct: true } },
        body: { firstName: 'Rowan', lastName: `Vale${unique().toLowerCase()}`, dateOfBirth: '1979-11-12' },
      })
    ).data!;
    await certifyBySql(t, await officerIdOf(t, postId));
    const opened = await openCase(t, tokens.investigator, { postId });

    const investigator = createRegistryClient({ baseUrl, accessToken: tokens.investigator });
    const { data } = await investigator.GET('/api/v1/cases/{id}', { params: { path: { id: opened.id } } });
    if (data?.view !== 'commission') throw new Error(`expected the commission's view, got ${JSON.stringify(data)}`);
    expect(data.status).toBe('open');
    expect({
      notice: data.notice,
      hearing: data.hearing,
      decision: data.decision,
      appeal: data.appeal,
      finalization: data.finalization,
      dismissal: data.dismissal,
    }).toEqual({
      notice: null,
      hearing: null,
      decision: null,
      appeal: null,
      finalization: null,
      dismissal: null,
    });
  });
});
