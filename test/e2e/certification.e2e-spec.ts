import { FixedClock } from '@app/core';
import { createCourse, createOfficer, insertEmployment, officerIdOf, recordCompletion } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** Certification through HTTP (API.md "Certification"), on a pinned calendar: today is 2026-03-01. */
describe('certification (e2e)', () => {
  let t: TestApp;
  let adjudicator: string;
  let registrar: string;
  let basicCourse: string;
  let inServiceCourse: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-03-01T12:00:00Z')) });
    adjudicator = await t.userToken(await t.commissionId(), ['commission_adjudicator']);
    registrar = await t.userToken((await t.createOrganization('academy')).id, ['academy_registrar']);
    basicCourse = (await createCourse(t, { kind: 'basic', hours: 800 })).code;
    inServiceCourse = (await createCourse(t, { kind: 'in_service', hours: 120 })).code;
  });
  afterAll(() => t.close());

  const url = (officer: TestOfficer, suffix = '') => `/api/v1/officers/${officer.postId}/certification${suffix}`;
  const certify = (officer: TestOfficer, body: Record<string, unknown> = {}) => t.http().post(url(officer)).set(bearer(adjudicator)).send(body);
  const transition = (officer: TestOfficer, body: Record<string, unknown>) => t.http().post(url(officer, '/transitions')).set(bearer(adjudicator)).send(body);
  const renew = (officer: TestOfficer) => t.http().post(url(officer, '/renewal')).set(bearer(adjudicator)).send();
  const read = (officer: TestOfficer, token = adjudicator) => t.http().get(url(officer)).set(bearer(token));
  const historyRows = async (officer: TestOfficer) =>
    (await t.db.query(`SELECT from_status, to_status, reason, actor_id FROM certification_history WHERE officer_id = $1 ORDER BY id`, [officer.id])).rows;
  const auditActions = async (officer: TestOfficer) =>
    (await t.db.query(`SELECT action FROM audit_log WHERE entity_type = 'certification' AND entity_id = $1 ORDER BY seq`, [officer.id])).rows.map(
      (r) => r.action as string,
    );

  interface TestOfficer {
    id: string;
    postId: string;
  }
  async function newOfficer(dateOfBirth: string): Promise<TestOfficer> {
    const { postId } = await createOfficer(t, { dateOfBirth }, adjudicator);
    return { postId, id: await officerIdOf(t, postId) };
  }

  /** Born in November; basic training passed in June 2025. */
  async function trainedOfficer(dateOfBirth = '1990-11-20'): Promise<TestOfficer> {
    const officer = await newOfficer(dateOfBirth);
    await recordCompletion(t, registrar, { postId: officer.postId, courseCode: basicCourse, completedOn: '2025-06-30', hours: 800 });
    return officer;
  }
  async function certifiedOfficer(effectiveOn = '2025-08-15'): Promise<TestOfficer> {
    const officer = await trainedOfficer();
    expect((await certify(officer, { effectiveOn })).status).toBe(201);
    return officer;
  }

  describe('initial certification', () => {
    it('should certify an eligible officer with the term aligned to the birth month (Nov, 2025-08-15 → 2028-11-01)', async () => {
      const officer = await trainedOfficer();
      const response = await certify(officer, { effectiveOn: '2025-08-15', backgroundCheckAttested: true, fitnessAttested: true });
      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        postId: officer.postId,
        status: 'certified',
        issuedOn: '2025-08-15',
        expiresOn: '2028-11-01',
        firstCertifiedOn: '2025-08-15',
        adminSuspensionReason: null,
        suspensionEndsOn: null,
        conditions: [],
        warnings: [],
        history: [
          {
            from: 'not_certified',
            to: 'certified',
            reason: 'initial_certification',
            basis: 'M.G.L. c. 6E §4(f)(1)',
            caseId: null,
            effectiveOn: '2025-08-15',
            at: '2026-03-01T12:00:00.000Z',
          },
        ],
      });
      const { warnings: _warnings, ...view } = response.body;
      expect((await read(officer)).body).toEqual(view);

      const { rows } = await t.db.query(`SELECT action, details FROM audit_log WHERE entity_id = $1 AND action = 'certification.certify'`, [officer.id]);
      expect(rows).toHaveLength(1);
      expect(rows[0].details).toMatchObject({ from: 'not_certified', to: 'certified', expiresOn: '2028-11-01', backgroundCheckAttested: true });
      expect(JSON.stringify(rows[0].details)).not.toContain('1990-11-20');
    });

    it('should refuse with every unmet reason at once and leave nothing behind', async () => {
      const officer = await newOfficer('2006-01-01'); // 20 years old, no basic training
      const response = await certify(officer);
      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({
        code: 'CERTIFICATION.NOT_ELIGIBLE',
        reasons: ['basic_training_missing', 'under_minimum_age'],
        warnings: [],
      });
      expect(await historyRows(officer)).toEqual([]);
      expect(await auditActions(officer)).toEqual([]);
      expect((await read(officer)).body).toMatchObject({ status: 'not_certified', history: [] });
    });

    it('should refuse a second certification while certified: already_certified', async () => {
      const officer = await certifiedOfficer();
      const response = await certify(officer);
      expect(response.status).toBe(422);
      expect(response.body.reasons).toEqual(['already_certified']);
    });

    it('should refuse an effective date in the future (422) and an impossible one (400, field named)', async () => {
      const officer = await trainedOfficer();
      const future = await certify(officer, { effectiveOn: '2026-03-02' });
      expect(future.status).toBe(422);
      expect(future.body).toMatchObject({ code: 'CERTIFICATION.EFFECTIVE_DATE_REFUSED', reasons: ['effective_on_in_future'] });
      const impossible = await certify(officer, { effectiveOn: '2025-02-30' });
      expect(impossible.status).toBe(400);
      expect(impossible.body.errors).toEqual([expect.objectContaining({ field: 'effectiveOn' })]);
      expect((await certify(officer, { effectiveOn: '2025-08-15', extra: 1 })).status).toBe(400);
    });

    it('should answer 400 for a malformed POST ID and 404 for an unknown one', async () => {
      expect((await t.http().post('/api/v1/officers/XX-12/certification').set(bearer(adjudicator)).send({})).status).toBe(400);
      const unknown = await t.http().post('/api/v1/officers/MA-999999/certification').set(bearer(adjudicator)).send({});
      expect(unknown.status).toBe(404);
      expect(unknown.body.code).toBe('OFFICER.NOT_FOUND');
    });
  });

  describe('renewal', () => {
    it('should refuse a renewal short of in-service hours with the hours found and required, then renew once they are met', async () => {
      const officer = await certifiedOfficer();
      await recordCompletion(t, registrar, { postId: officer.postId, courseCode: inServiceCourse, completedOn: '2025-10-01', hours: 20 });
      const short = await renew(officer);
      expect(short.status).toBe(422);
      expect(short.body).toMatchObject({
        code: 'CERTIFICATION.RENEWAL_REQUIREMENTS_NOT_MET',
        reasons: [{ code: 'in_service_hours_short', hoursFound: 20, hoursRequired: 120 }],
      });

      await recordCompletion(t, registrar, { postId: officer.postId, courseCode: inServiceCourse, completedOn: '2026-02-01', hours: 100 });
      const renewed = await renew(officer);
      expect(renewed.status).toBe(200);
      // Renewed before expiry: the new term starts at the old expiry.
      expect(renewed.body).toMatchObject({ status: 'certified', issuedOn: '2028-11-01', expiresOn: '2031-11-01', firstCertifiedOn: '2025-08-15' });
      expect(renewed.body.history.map((h: { reason: string }) => h.reason)).toEqual(['initial_certification', 'renewal']);
      expect(await auditActions(officer)).toEqual(['certification.certify', 'certification.renew']);
    });

    it('should publish an early renewal as the latest certification, not the first day of the term to come', async () => {
      const officer = await certifiedOfficer();
      await recordCompletion(t, registrar, { postId: officer.postId, courseCode: inServiceCourse, completedOn: '2026-02-01', hours: 120 });
      expect((await renew(officer)).body).toMatchObject({ issuedOn: '2028-11-01' });
      const page = await t.http().get(`/api/v1/public/officers/${officer.postId}`);
      expect(page.body).toMatchObject({ certificationStatus: 'certified', firstCertifiedOn: '2025-08-15', lastCertifiedOn: '2026-03-01' });
      const found = await t.http().get('/api/v1/public/officers').query({ name: page.body.name, limit: 500 });
      expect(found.body.items.find((item: { postId: string }) => item.postId === officer.postId)).toMatchObject({ lastCertifiedOn: '2026-03-01' });
    });

    it('should refuse renewing a never-certified officer with the allowed commands', async () => {
      const officer = await trainedOfficer();
      const response = await renew(officer);
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({
        code: 'CERTIFICATION.ILLEGAL_TRANSITION',
        reasons: ['illegal_transition'],
        allowedCommands: ['certify', 'revoke'],
      });
    });
  });

  describe('certifying again from inactive or lapsed (DOMAIN.md "Certification")', () => {
    /** Born in November; basic training passed in June 2022. */
    async function veteran(): Promise<TestOfficer> {
      const officer = await newOfficer('1985-11-20');
      await recordCompletion(t, registrar, { postId: officer.postId, courseCode: basicCourse, completedOn: '2022-06-30', hours: 800 });
      return officer;
    }

    it('should owe the in-service hours of the time out, one term at most, and certify once they are recorded', async () => {
      // Term 2023-01-10 → 2026-11-01, inactive from 2024-02-01; today 2026-03-01: 2 years and a month out = 3 years, capped at one term (120 h).
      const officer = await veteran();
      expect((await certify(officer, { effectiveOn: '2023-01-10' })).status).toBe(201);
      expect((await transition(officer, { action: 'inactivate', reason: 'extended_leave', effectiveOn: '2024-02-01' })).status).toBe(200);
      for (const completedOn of ['2025-03-01', '2025-09-01']) {
        await recordCompletion(t, registrar, { postId: officer.postId, courseCode: inServiceCourse, completedOn, hours: 40 });
      }
      const short = await certify(officer);
      expect(short.status).toBe(422);
      expect(short.body).toMatchObject({ code: 'CERTIFICATION.NOT_ELIGIBLE', reasons: ['in_service_hours_short'], hoursFound: 80, hoursRequired: 120 });
      expect((await read(officer)).body.status).toBe('inactive');

      await recordCompletion(t, registrar, { postId: officer.postId, courseCode: inServiceCourse, completedOn: '2026-02-01', hours: 40 });
      const certified = await certify(officer);
      expect(certified.status).toBe(201);
      expect(certified.body).toMatchObject({ status: 'certified', issuedOn: '2026-03-01' });
      const audit = await t.db.query(`SELECT details FROM audit_log WHERE entity_id = $1 AND action = 'certification.certify' ORDER BY seq DESC LIMIT 1`, [
        officer.id,
      ]);
      expect(audit.rows[0].details.reentryHours).toEqual({ hoursFound: 120, hoursRequired: 120, outSince: '2024-02-01' });
    });

    it("should count a lapsed officer's time out from the expiry of the last term", async () => {
      // Term 2022-10-01 → 2025-11-01 (born November), lapsed since; today 2026-03-01: part of one year, 40 h.
      const officer = await veteran();
      expect((await certify(officer, { effectiveOn: '2022-10-01' })).status).toBe(201);
      const short = await certify(officer);
      expect(short.body).toMatchObject({ reasons: ['in_service_hours_short'], hoursFound: 0, hoursRequired: 40 });
      await recordCompletion(t, registrar, { postId: officer.postId, courseCode: inServiceCourse, completedOn: '2026-01-15', hours: 40 });
      expect((await certify(officer)).status).toBe(201);
    });
  });

  describe('transitions outside cases', () => {
    it('should inactivate and reactivate, refusing each where it does not apply', async () => {
      const officer = await certifiedOfficer();
      const inactive = await transition(officer, { action: 'inactivate', reason: 'retired' });
      expect(inactive.status).toBe(200);
      expect(inactive.body).toMatchObject({ status: 'inactive', expiresOn: '2028-11-01' });
      expect((await transition(officer, { action: 'inactivate' })).body).toMatchObject({
        code: 'CERTIFICATION.ILLEGAL_TRANSITION',
        reasons: ['illegal_transition'],
      });
      expect((await transition(officer, { action: 'reactivate' })).body).toMatchObject({ status: 'certified' });
      const again = await transition(officer, { action: 'reactivate' });
      expect(again.status).toBe(422);
      expect(await historyRows(officer)).toEqual([
        { from_status: 'not_certified', to_status: 'certified', reason: 'initial_certification', actor_id: expect.any(String) },
        { from_status: 'certified', to_status: 'inactive', reason: 'retired', actor_id: expect.any(String) },
        { from_status: 'inactive', to_status: 'certified', reason: 'reactivated', actor_id: expect.any(String) },
      ]);
      expect(await auditActions(officer)).toEqual(['certification.certify', 'certification.inactivate', 'certification.reactivate']);
    });

    it('should suspend administratively with a listed reason and lift it on compliance', async () => {
      const officer = await certifiedOfficer();
      expect((await transition(officer, { action: 'admin_suspend' })).status).toBe(400);
      const bogus = await transition(officer, { action: 'admin_suspend', reason: 'bad_attitude' });
      expect(bogus.status).toBe(400);
      expect(bogus.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);

      const suspended = await transition(officer, { action: 'admin_suspend', reason: 'in_service_training', effectiveOn: '2026-01-15' });
      expect(suspended.status).toBe(200);
      expect(suspended.body).toMatchObject({ status: 'admin_suspended', adminSuspensionReason: 'in_service_training' });
      expect(suspended.body.history[1]).toMatchObject({ reason: 'in_service_training', basis: 'M.G.L. c. 6E §9 (POST practice)', effectiveOn: '2026-01-15' });
      expect((await transition(officer, { action: 'admin_suspend', reason: 'failure_to_report' })).status).toBe(422);
      // Backdating before the last recorded change would put the history out of order.
      const early = await transition(officer, { action: 'lift_admin_suspension', effectiveOn: '2026-01-01' });
      expect(early.body).toMatchObject({ reasons: ['effective_on_before_last_change'], lastChangeOn: '2026-01-15' });

      const lifted = await transition(officer, { action: 'lift_admin_suspension' });
      expect(lifted.body).toMatchObject({ status: 'certified', adminSuspensionReason: null });
      expect(lifted.body.history[2]).toMatchObject({ reason: 'compliance_recorded', basis: '555 CMR 12.04(1)(e)' });
      expect((await transition(officer, { action: 'lift_admin_suspension' })).status).toBe(422);
    });

    it('should accept a relinquishment, store the disclosures apart and never show or audit them', async () => {
      const officer = await certifiedOfficer();
      const secret = `Arrested 2019, charges dropped; restraining order ${officer.postId}-SECRET`;
      expect((await transition(officer, { action: 'accept_relinquishment' })).status).toBe(400);
      expect((await transition(officer, { action: 'accept_relinquishment', disclosures: 'x'.repeat(10_001) })).status).toBe(400);
      const misplaced = await transition(officer, { action: 'inactivate', disclosures: secret });
      expect(misplaced.status).toBe(400);
      expect(JSON.stringify(misplaced.body)).not.toContain('SECRET');

      const accepted = await transition(officer, { action: 'accept_relinquishment', disclosures: secret });
      expect(accepted.status).toBe(200);
      expect(accepted.body.status).toBe('relinquished');
      expect(JSON.stringify(accepted.body)).not.toContain('SECRET');
      expect(JSON.stringify((await read(officer)).body)).not.toContain('SECRET');
      const stored = await t.db.query(`SELECT disclosures, recorded_by FROM relinquishment_disclosure WHERE officer_id = $1`, [officer.id]);
      expect(stored.rows).toEqual([{ disclosures: secret, recorded_by: expect.any(String) }]);
      const leaked = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE details::text LIKE '%SECRET%'`);
      expect(leaked.rows[0].n).toBe(0);
      expect(await auditActions(officer)).toContain('certification.accept_relinquishment');

      expect((await transition(officer, { action: 'accept_relinquishment', disclosures: 'again' })).status).toBe(422);
      // No bar to a new certification, but the adjudicator is told.
      const recertified = await certify(officer);
      expect(recertified.status).toBe(201);
      expect(recertified.body).toMatchObject({ status: 'certified', issuedOn: '2026-03-01', warnings: ['previously_relinquished'] });
    });

    it('should refuse a transition not legal from not_certified, and unknown actions and fields', async () => {
      const officer = await trainedOfficer();
      const response = await transition(officer, { action: 'inactivate' });
      expect(response.status).toBe(422);
      expect(response.body.allowedCommands).toEqual(['certify', 'revoke']);
      expect((await transition(officer, { action: 'revoke' })).status).toBe(400);
      expect((await transition(officer, { action: 'inactivate', note: 'x' })).status).toBe(400);
      expect(await historyRows(officer)).toEqual([]);
    });
  });

  describe('who may read', () => {
    it('should show the certification to the commission and an employing agency, and 404 to anyone else', async () => {
      const officer = await certifiedOfficer();
      const employer = await t.createOrganization('agency');
      const stranger = await t.createOrganization('agency');
      await insertEmployment(t, officer.id, employer.id);

      expect((await read(officer, await t.userToken(employer.id, ['agency_hiring']))).status).toBe(200);
      expect((await read(officer, await t.adminToken())).status).toBe(200);
      const hidden = await read(officer, await t.userToken(stranger.id, ['agency_admin']));
      const unknown = await t.http().get('/api/v1/officers/MA-999999/certification').set(bearer(adjudicator));
      expect(hidden.status).toBe(404);
      expect({ ...hidden.body, instance: undefined, detail: undefined }).toEqual({ ...unknown.body, instance: undefined, detail: undefined });
      expect((await read(officer, registrar)).status).toBe(404);
    });
  });
});
