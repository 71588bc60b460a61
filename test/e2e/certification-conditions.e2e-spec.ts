import { FixedClock } from '@app/core';
import { createCourse, createOfficer, insertEmployment, officerIdOf, recordCompletion } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** Conditional certification through HTTP (API.md "Conditional certification"; 555 CMR 7.04, 9.10), today 2026-03-01 unless moved. */
describe('conditional certification (e2e)', () => {
  const NOW = new Date('2026-03-01T12:00:00Z');
  const clock = new FixedClock(NOW);
  let t: TestApp;
  let adjudicator: string;
  let otherAdjudicator: string;
  let registrar: string;
  let agencyId: string;
  let agencyAdmin: string;
  let basicCourse: string;
  let inServiceCourse: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    adjudicator = await t.userToken(await t.commissionId(), ['commission_adjudicator']);
    otherAdjudicator = await t.userToken(await t.commissionId(), ['commission_adjudicator']);
    registrar = await t.userToken((await t.createOrganization('academy')).id, ['academy_registrar']);
    agencyId = (await t.createOrganization('agency')).id;
    agencyAdmin = await t.userToken(agencyId, ['agency_admin']);
    basicCourse = (await createCourse(t, { kind: 'basic', hours: 800 })).code;
    inServiceCourse = (await createCourse(t, { kind: 'in_service', hours: 120 })).code;
  });
  beforeEach(() => clock.set(NOW));
  afterAll(() => t.close());

  interface TestOfficer {
    id: string;
    postId: string;
  }
  const url = (officer: TestOfficer, suffix = '') => `/api/v1/officers/${officer.postId}/certification${suffix}`;
  const certify = (officer: TestOfficer, body: Record<string, unknown>) => t.http().post(url(officer)).set(bearer(adjudicator)).send(body);
  const transition = (officer: TestOfficer, body: Record<string, unknown>) => t.http().post(url(officer, '/transitions')).set(bearer(adjudicator)).send(body);
  const satisfy = (officer: TestOfficer, conditionId: string, body: Record<string, unknown> = { evidence: 'MPTC transcript, 40 hours' }, token = adjudicator) =>
    t
      .http()
      .post(url(officer, `/conditions/${conditionId}/satisfy`))
      .set(bearer(token))
      .send(body);
  const read = (officer: TestOfficer, token = adjudicator) => t.http().get(url(officer)).set(bearer(token));
  const training = (dueOn = '2026-06-01') => ({ description: 'Complete 40 hours of in-service training', dueOn, basis: 'training' });

  /** What a refused request must leave untouched: the certification row, its history, its conditions, its audit and outbox. */
  const footprint = async (officer: TestOfficer) => ({
    certification: (await t.db.query(`SELECT status, version FROM certification WHERE officer_id = $1`, [officer.id])).rows,
    history: (await t.db.query(`SELECT count(*)::int AS n FROM certification_history WHERE officer_id = $1`, [officer.id])).rows[0].n,
    conditions: (await t.db.query(`SELECT id, status FROM certification_condition WHERE officer_id = $1 ORDER BY id`, [officer.id])).rows,
    audit: (await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action <> 'certification.read'`, [officer.id])).rows[0].n,
    outbox: (await t.db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE officer_id = $1`, [officer.id])).rows[0].n,
  });

  /** Born in November, basic training in 2022, certified 2022-10-01 → 2025-11-01 and lapsed since: owes 40 in-service hours, has none. */
  async function lapsedOfficer(): Promise<TestOfficer> {
    const { postId } = await createOfficer(t, { dateOfBirth: '1985-11-20' }, adjudicator);
    const officer = { postId, id: await officerIdOf(t, postId) };
    await recordCompletion(t, registrar, { postId, courseCode: basicCourse, completedOn: '2022-06-30', hours: 800 });
    expect((await certify(officer, { effectiveOn: '2022-10-01' })).status).toBe(201);
    await insertEmployment(t, officer.id, agencyId, '2022-10-02');
    return officer;
  }
  async function conditionallyCertified(conditions = [training()]): Promise<{ officer: TestOfficer; conditionIds: string[] }> {
    const officer = await lapsedOfficer();
    const response = await certify(officer, { conditions });
    expect(response.status).toBe(201);
    return { officer, conditionIds: (response.body.conditions as { id: string }[]).map((c) => c.id) };
  }

  it('should certify a lapsed officer short of in-service hours with a training condition, and show it wherever the certification is read', async () => {
    const officer = await lapsedOfficer();
    const plain = await certify(officer, {});
    expect(plain.status).toBe(422);
    expect(plain.body).toMatchObject({ code: 'CERTIFICATION.NOT_ELIGIBLE', reasons: ['in_service_hours_short'], hoursFound: 0, hoursRequired: 40 });

    const response = await certify(officer, {
      conditions: [training(), { description: 'File the medical clearance form', dueOn: '2026-04-15', basis: 'documents' }],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ status: 'certified', issuedOn: '2026-03-01', expiresOn: '2029-11-01' });
    expect(response.body.history.at(-1)).toMatchObject({ from: 'lapsed', to: 'certified', reason: 'conditional_certification', basis: '555 CMR 7.04, 9.10' });
    expect(response.body.conditions).toEqual([
      {
        id: expect.any(String),
        basis: 'documents',
        description: 'File the medical clearance form',
        imposedOn: '2026-03-01',
        dueOn: '2026-04-15',
        status: 'open',
        satisfiedOn: null,
      },
      {
        id: expect.any(String),
        basis: 'training',
        description: 'Complete 40 hours of in-service training',
        imposedOn: '2026-03-01',
        dueOn: '2026-06-01',
        status: 'open',
        satisfiedOn: null,
      },
    ]);
    expect((await read(officer)).body.conditions).toEqual(response.body.conditions);
    // The employing agency sees what is due; the hiring answer says hireable.
    expect((await read(officer, agencyAdmin)).body.conditions).toEqual(response.body.conditions);

    const audit = await t.db.query(`SELECT details FROM audit_log WHERE entity_id = $1 AND action = 'certification.certify' ORDER BY seq DESC LIMIT 1`, [
      officer.id,
    ]);
    expect(audit.rows[0].details).toMatchObject({
      to: 'certified',
      covers: ['in_service_hours_short'],
      conditions: expect.arrayContaining([expect.objectContaining({ basis: 'training', dueOn: '2026-06-01' })]),
    });
    expect(JSON.stringify(audit.rows[0].details)).not.toContain('medical clearance');
    const events = await t.db.query(`SELECT data FROM outbox_event WHERE officer_id = $1 AND type = 'officer.certification_changed' ORDER BY seq`, [
      officer.id,
    ]);
    expect(events.rows.at(-1).data).toMatchObject({ from: 'lapsed', to: 'certified', effectiveOn: '2026-03-01' });
  });

  describe('refusals, nothing half-written', () => {
    it.each(['background_check', 'felony_conviction', 'moral_character'])(
      'should refuse a condition with basis %s: 422 conditions_not_allowed',
      async (basis) => {
        const officer = await lapsedOfficer();
        const before = await footprint(officer);
        const response = await certify(officer, { conditions: [training(), { description: 'Pending', dueOn: '2026-05-01', basis }] });
        expect(response.status).toBe(422);
        expect(response.body).toMatchObject({ code: 'CERTIFICATION.CONDITIONS_NOT_ALLOWED', reasons: ['conditions_not_allowed'], bases: [basis] });
        expect(await footprint(officer)).toEqual(before);
      },
    );

    it('should refuse conditions beside an attestation that the background check failed', async () => {
      const officer = await lapsedOfficer();
      const response = await certify(officer, { conditions: [training()], backgroundCheckAttested: false });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'CERTIFICATION.CONDITIONS_NOT_ALLOWED', bases: ['background_check'] });
    });

    it('should never waive basic training, and list only what no condition covers', async () => {
      const { postId } = await createOfficer(t, { dateOfBirth: '1990-11-20' }, adjudicator);
      const recruit = { postId, id: await officerIdOf(t, postId) };
      const before = await footprint(recruit);
      const response = await certify(recruit, { conditions: [{ description: 'Finish the academy', dueOn: '2026-09-01', basis: 'training' }] });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'CERTIFICATION.NOT_ELIGIBLE', reasons: ['basic_training_missing'] });
      expect(await footprint(recruit)).toEqual(before);
    });

    it('should not let a documents condition stand in for the hours', async () => {
      const officer = await lapsedOfficer();
      const response = await certify(officer, { conditions: [{ description: 'File the form', dueOn: '2026-05-01', basis: 'documents' }] });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'CERTIFICATION.NOT_ELIGIBLE', reasons: ['in_service_hours_short'] });
    });

    it('should refuse a due date not after the effective date, or after the term', async () => {
      const officer = await lapsedOfficer();
      const before = await footprint(officer);
      const response = await certify(officer, { conditions: [training('2026-03-01'), training('2030-01-01')] });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({
        code: 'CERTIFICATION.CONDITION_REFUSED',
        reasons: [
          { code: 'condition_due_not_after_effective', index: 0 },
          { code: 'condition_due_after_expiry', index: 1 },
        ],
      });
      expect(await footprint(officer)).toEqual(before);
    });

    it.each([
      ['an unknown basis', { conditions: [{ ...training(), basis: 'vibes' }] }],
      ['an unknown field in a condition', { conditions: [{ ...training(), waived: true }] }],
      ['an empty description', { conditions: [{ ...training(), description: '   ' }] }],
      ['a date that is not a date', { conditions: [{ ...training(), dueOn: '2026-02-30' }] }],
      ['eleven conditions', { conditions: Array.from({ length: 11 }, () => training()) }],
    ])('should answer 400 for %s', async (_name, body) => {
      const officer = await lapsedOfficer();
      const response = await certify(officer, body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('REQUEST.INVALID');
    });
  });

  describe('satisfying a condition', () => {
    it('should record it with its evidence once, the evidence shown to the commission only and never audited', async () => {
      const { officer, conditionIds } = await conditionallyCertified();
      const response = await satisfy(officer, conditionIds[0]);
      expect(response.status).toBe(200);
      expect(response.body.conditions).toEqual([
        expect.objectContaining({ id: conditionIds[0], status: 'satisfied', satisfiedOn: '2026-03-01', evidence: 'MPTC transcript, 40 hours' }),
      ]);
      expect(response.body.status).toBe('certified');
      expect((await read(officer, agencyAdmin)).body.conditions[0]).not.toHaveProperty('evidence');
      const audit = await t.db.query(`SELECT details FROM audit_log WHERE entity_id = $1 AND action = 'certification.condition_satisfied'`, [officer.id]);
      expect(audit.rows).toEqual([{ details: expect.objectContaining({ conditionId: conditionIds[0], evidenceRecorded: true, wasOverdue: false }) }]);
      expect(JSON.stringify(audit.rows[0].details)).not.toContain('MPTC');

      const again = await satisfy(officer, conditionIds[0], { evidence: 'another' });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'CERTIFICATION.CONDITION_ALREADY_SATISFIED', conditionId: conditionIds[0], satisfiedOn: '2026-03-01' });
    });

    it('should let one of two simultaneous satisfactions win and tell the other 409', async () => {
      const { officer, conditionIds } = await conditionallyCertified();
      const answers = await Promise.all([
        satisfy(officer, conditionIds[0], { evidence: 'first' }),
        satisfy(officer, conditionIds[0], { evidence: 'second' }, otherAdjudicator),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const rows = await t.db.query(`SELECT status, evidence FROM certification_condition WHERE id = $1`, [conditionIds[0]]);
      const winner = answers.find((a) => a.status === 200)!;
      expect(rows.rows).toEqual([{ status: 'satisfied', evidence: winner.body.conditions[0].evidence }]);
      const audits = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'certification.condition_satisfied'`, [
        officer.id,
      ]);
      expect(audits.rows[0].n).toBe(1);
    });

    it("should answer 404 for an unknown condition or another officer's, and 400 for a malformed id or empty evidence", async () => {
      const { officer } = await conditionallyCertified();
      const other = await conditionallyCertified();
      expect((await satisfy(officer, other.conditionIds[0])).status).toBe(404);
      expect((await satisfy(officer, '00000000-0000-4000-8000-000000000000')).body.code).toBe('CERTIFICATION.CONDITION_NOT_FOUND');
      expect((await satisfy(officer, 'not-a-uuid')).status).toBe(400);
      expect((await satisfy(officer, other.conditionIds[0], { evidence: ' ' })).status).toBe(400);
      expect((await satisfy(officer, other.conditionIds[0], { evidence: 'x', extra: 1 })).status).toBe(400);
    });

    it('should close the open conditions of an earlier grant when the officer is certified afresh', async () => {
      const { officer, conditionIds } = await conditionallyCertified();
      clock.set(new Date('2030-01-02T12:00:00Z')); // the term ended 2029-11-01: lapsed again
      await recordCompletion(t, registrar, { postId: officer.postId, courseCode: inServiceCourse, completedOn: '2029-12-01', hours: 40 });
      const again = await certify(officer, {});
      expect(again.status).toBe(201);
      expect(again.body.conditions).toEqual([expect.objectContaining({ id: conditionIds[0], status: 'superseded' })]);
      expect((await satisfy(officer, conditionIds[0])).body).toMatchObject({
        code: 'CERTIFICATION.CONDITION_REFUSED',
        reasons: [{ code: 'condition_superseded', index: 0 }],
      });
    });
  });

  describe('overdue conditions and condition_unmet', () => {
    it('should refuse admin_suspend for condition_unmet until a condition is overdue, then suspend, and lift only once it is met', async () => {
      const { officer, conditionIds } = await conditionallyCertified([training('2026-06-01')]);
      const early = await transition(officer, { action: 'admin_suspend', reason: 'condition_unmet' });
      expect(early.status).toBe(422);
      expect(early.body).toMatchObject({ code: 'CERTIFICATION.ILLEGAL_TRANSITION', reasons: ['no_condition_overdue'] });

      clock.set(new Date('2026-06-01T12:00:00Z')); // the due day itself is still on time
      expect((await read(officer)).body.conditions[0].status).toBe('open');
      expect((await transition(officer, { action: 'admin_suspend', reason: 'condition_unmet' })).status).toBe(422);

      clock.set(new Date('2026-06-02T12:00:00Z'));
      expect((await read(officer)).body.conditions[0].status).toBe('overdue');
      const suspended = await transition(officer, { action: 'admin_suspend', reason: 'condition_unmet' });
      expect(suspended.status).toBe(200);
      expect(suspended.body).toMatchObject({ status: 'admin_suspended', adminSuspensionReason: 'condition_unmet' });
      expect(suspended.body.history.at(-1)).toMatchObject({ from: 'certified', to: 'admin_suspended', reason: 'condition_unmet', basis: '555 CMR 7.04, 9.10' });
      const event = await t.db.query(`SELECT data FROM outbox_event WHERE officer_id = $1 ORDER BY seq DESC LIMIT 1`, [officer.id]);
      expect(event.rows[0].data).toMatchObject({ from: 'certified', to: 'admin_suspended' });
      const audit = await t.db.query(`SELECT details FROM audit_log WHERE entity_id = $1 AND action = 'certification.admin_suspend'`, [officer.id]);
      expect(audit.rows[0].details.overdueConditions).toEqual(conditionIds);

      const stillOverdue = await transition(officer, { action: 'lift_admin_suspension' });
      expect(stillOverdue.status).toBe(422);
      expect(stillOverdue.body.reasons).toEqual(['condition_still_overdue']);
      const met = await satisfy(officer, conditionIds[0]);
      expect(met.body.conditions[0]).toMatchObject({ status: 'satisfied', satisfiedOn: '2026-06-02' });
      const lifted = await transition(officer, { action: 'lift_admin_suspension' });
      expect(lifted.status).toBe(200);
      expect(lifted.body).toMatchObject({ status: 'certified', adminSuspensionReason: null });
    });
  });
});
