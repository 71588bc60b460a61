import { FixedClock } from '@app/core';
import { caseTokens, CaseTokens, certifiedOfficer, openCase } from '../support/case-helpers';
import { createCourse, createOfficer } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const NOW = new Date('2026-03-10T15:00:00.000Z');
const forge = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Values PostgreSQL cannot store or cast, sent where validation used to let them through (a
 * review found each of these answered 500): a precise 400, and nothing written.
 */
describe('input the database cannot store (e2e)', () => {
  let t: TestApp;
  let tokens: CaseTokens;
  let agencyId: string;
  let agencyAdmin: string;
  let hiring: string;
  let registrar: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(NOW) });
    tokens = await caseTokens(t);
    agencyId = (await t.createOrganization('agency')).id;
    agencyAdmin = await t.userToken(agencyId, ['agency_admin']);
    hiring = await t.userToken(agencyId, ['agency_hiring']);
    registrar = await t.userToken((await t.createOrganization('academy')).id, ['academy_registrar']);
  });
  afterAll(() => t.close());

  const rows = async (table: string) => Number((await t.db.query(`SELECT count(*) FROM ${table}`)).rows[0].count);
  const expectRefused = (response: { status: number; body: { code?: string; errors?: { field: string; message: string }[] } }, field: string) => {
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('REQUEST.INVALID');
    expect(response.body.errors).toEqual([{ field, message: `${field} must not contain a NUL character` }]);
  };

  describe('a NUL character', () => {
    it('in a case summary and in a case action’s reason', async () => {
      const { postId } = await certifiedOfficer(t);
      const before = await rows('commission_case');
      const opening = await t
        .http()
        .post('/api/v1/cases')
        .set(bearer(tokens.investigator))
        .send({ postId, grounds: ['felony_conviction'], summary: 'x\u0000y' });
      expectRefused(opening, 'summary');
      expect(await rows('commission_case')).toBe(before);

      const opened = await openCase(t, tokens.investigator, { postId, grounds: ['felony_conviction'] });
      const events = await rows('case_event');
      const dismissal = await t
        .http()
        .post(`/api/v1/cases/${opened.id}/actions`)
        .set(bearer(tokens.adjudicator))
        .send({ action: 'dismiss', reason: 'bad\u0000reason', expectedVersion: 1 });
      expectRefused(dismissal, 'reason');
      expect(await rows('case_event')).toBe(events);
    });

    it('in an organization’s name and an API key’s name', async () => {
      const before = await rows('organization');
      expectRefused(
        await t
          .http()
          .post('/api/v1/organizations')
          .set(bearer(await t.adminToken()))
          .send({ type: 'agency', name: 'Bad\u0000Name', code: 'NUL1' }),
        'name',
      );
      expect(await rows('organization')).toBe(before);
      expectRefused(
        await t
          .http()
          .post(`/api/v1/organizations/${agencyId}/api-keys`)
          .set(bearer(agencyAdmin))
          .send({ name: 'hr\u0000', roles: ['agency_hiring'] }),
        'name',
      );
    });

    it('in nested fields, named by their path', async () => {
      const response = await t
        .http()
        .post('/api/v1/officers')
        .set(bearer(await t.adminToken()))
        .send({
          firstName: 'Ada',
          lastName: 'Quill',
          dateOfBirth: '1990-01-01',
          aliases: [
            { firstName: 'A', lastName: 'B' },
            { firstName: 'Ad\u0000a', lastName: 'Q' },
          ],
        });
      expectRefused(response, 'aliases.1.firstName');
    });

    it('in a query string, a cursor included', async () => {
      expectRefused(
        await t
          .http()
          .get('/api/v1/organizations?cursor=%00')
          .set(bearer(await t.adminToken())),
        'cursor',
      );
      expectRefused(await t.http().get('/api/v1/courses?cursor=a%00').set(bearer(registrar)), 'cursor');
    });
  });

  // class-validator's length leaves variation selectors uncounted; PostgreSQL's length() and the CHECKs count them.
  describe('text over its limit in code points', () => {
    const selectorLetters = (n: number) => 'a\uFE0F'.repeat(n);
    it('in an officer’s first name (100) and an organization’s name (200)', async () => {
      const officers = await rows('officer');
      const officer = await t
        .http()
        .post('/api/v1/officers')
        .set(bearer(await t.adminToken()))
        .send({ firstName: selectorLetters(60), lastName: 'Quill', dateOfBirth: '1990-01-01' });
      expect(officer.status).toBe(400);
      expect(officer.body.errors).toContainEqual({ field: 'firstName', message: expect.stringMatching(/100 characters/) });
      expect(await rows('officer')).toBe(officers);

      const organization = await t
        .http()
        .post('/api/v1/organizations')
        .set(bearer(await t.adminToken()))
        .send({ type: 'agency', name: selectorLetters(150), code: 'FE0F' });
      expect(organization.status).toBe(400);
      expect(organization.body.errors).toContainEqual({ field: 'name', message: expect.stringMatching(/200 characters/) });
    });

    it('still accepts the limit itself', async () => {
      const { postId } = await createOfficer(t, { firstName: selectorLetters(50) });
      expect(postId).toMatch(/^MA-/);
    });
  });

  describe('a forged cursor', () => {
    const forged = [
      ['an impossible date', forge({ at: '2020-02-30', id: '00000000-0000-4000-8000-000000000000' })],
      ['a bare number as the instant', forge({ at: '1', id: '00000000-0000-4000-8000-000000000000' })],
      ['an id that is not a UUID', forge({ at: '2025-01-01T00:00:00.000Z', id: 'x' })],
    ];
    it.each(forged)('with %s is a 400 on the lists of hiring checks, cases and reports', async (_label, cursor) => {
      for (const [path, token] of [
        ['/api/v1/hiring-checks', hiring],
        ['/api/v1/cases', tokens.investigator],
        ['/api/v1/misconduct-reports', agencyAdmin],
      ] as const) {
        const response = await t.http().get(`${path}?cursor=${cursor}`).set(bearer(token));
        expect({ path, status: response.status }).toEqual({ path, status: 400 });
        expect(response.body.errors).toEqual([{ field: 'cursor', message: 'cursor is invalid' }]);
      }
    });

    // One keyset helper (@app/core Keyset): one code for a cursor a list did not issue, whichever list (was three codes).
    it('is the one PAGINATION.INVALID_CURSOR on every keyset list', async () => {
      const { postId } = await createOfficer(t);
      const admin = await t.adminToken();
      const notACursor = forge({ at: 'yesterday', id: 'x' });
      for (const [path, token] of [
        ['/api/v1/hiring-checks', hiring],
        ['/api/v1/cases', tokens.investigator],
        ['/api/v1/misconduct-reports', agencyAdmin],
        [`/api/v1/officers/${postId}/training`, admin],
        ['/api/v1/audit', admin],
        ['/api/v1/public/officers?name=Donnelly', undefined],
      ] as const) {
        const request = t.http().get(`${path}${path.includes('?') ? '&' : '?'}cursor=${notACursor}`);
        const response = token ? await request.set(bearer(token)) : await request;
        expect({ path, status: response.status, code: response.body.code }).toEqual({ path, status: 400, code: 'PAGINATION.INVALID_CURSOR' });
        expect(response.body.errors).toEqual([{ field: 'cursor', message: 'cursor is invalid' }]);
      }
    });
  });

  it('hours that round to 0.00 refuse their own row only, in a batch and alone', async () => {
    const course = (await createCourse(t, { kind: 'in_service', hours: 8 })).code;
    const { postId } = await createOfficer(t);
    const row = (externalRef: string, hours: number) => ({ postId, courseCode: course, completedOn: '2026-01-10', hours, result: 'pass', externalRef });
    const batch = await t
      .http()
      .post('/api/v1/training-completions/batch')
      .set(bearer(registrar))
      .send({ records: [row('ok-1', 8), row('tiny-2', 1e-9)] });
    expect(batch.status).toBe(200);
    expect(batch.body).toMatchObject({ accepted: 1, rejected: [{ row: 2, externalRef: 'tiny-2' }] });
    const alone = await t.http().post('/api/v1/training-completions').set(bearer(registrar)).send(row('tiny-3', 0.000000001));
    expect(alone.status).toBe(400);
    expect(JSON.stringify(alone.body)).toContain('hours must be at least 0.01');
  });
});
