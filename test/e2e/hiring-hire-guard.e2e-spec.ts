import { FixedClock } from '@app/core';
import { actAll, caseTokens, CaseTokens, certifiedOfficer, openCase } from '../support/case-helpers';
import { certifyBySql, createOfficer, officerIdOf } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const NOW = new Date('2026-03-10T15:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;

/** DOMAIN.md "Hiring checks": a hire needs the agency's own check within 30 days and a hireable officer at that moment. */
describe('recording a hire (e2e)', () => {
  let t: TestApp;
  const clock = new FixedClock(NOW);
  let tokens: CaseTokens;
  let agencyA: string;
  let hiringA: string;
  let adminA: string;
  let hiringB: string;
  let agencyAName: string;

  const checkByPostId = async (token: string, postId: string) => {
    const response = await t.http().post('/api/v1/hiring-checks').set(bearer(token)).send({ postId });
    if (response.status !== 201) throw new Error(`check failed: ${response.status}`);
    return response.body.id as string;
  };
  const hire = (token: string, postId: string, body: Record<string, unknown>) =>
    t
      .http()
      .post(`/api/v1/officers/${postId}/employments`)
      .set(bearer(token))
      .send({ startDate: '2026-03-16', position: 'Patrol Officer', ...body });
  const employments = async (officerId: string) =>
    (await t.db.query(`SELECT agency_id, position, start_date, end_date, hiring_check_id FROM employment WHERE officer_id = $1`, [officerId])).rows;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    tokens = await caseTokens(t);
    ({ id: agencyA, name: agencyAName } = await t.createOrganization('agency'));
    hiringA = await t.userToken(agencyA, ['agency_hiring']);
    adminA = await t.userToken(agencyA, ['agency_admin']);
    hiringB = await t.userToken((await t.createOrganization('agency')).id, ['agency_hiring']);
  });
  beforeEach(() => clock.set(NOW));
  afterAll(() => t.close());

  it('should record a hire cleared by a fresh check, audited, and refuse a second open employment with 409', async () => {
    const { postId, officerId } = await certifiedOfficer(t);
    const checkId = await checkByPostId(hiringA, postId);
    const response = await hire(hiringA, postId, { hiringCheckId: checkId });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      postId,
      agencyId: agencyA,
      position: 'Patrol Officer',
      startDate: '2026-03-16',
      endDate: null,
      hiringCheckId: checkId,
      createdAt: expect.any(String),
    });
    expect(await employments(officerId)).toEqual([
      { agency_id: agencyA, position: 'Patrol Officer', start_date: '2026-03-16', end_date: null, hiring_check_id: checkId },
    ]);
    const audit = await t.db.query(`SELECT action, organization_id, details FROM audit_log WHERE entity_id = $1`, [response.body.id]);
    expect(audit.rows).toEqual([
      { action: 'employment.create', organization_id: agencyA, details: expect.objectContaining({ postId, hiringCheckId: checkId }) },
    ]);

    const again = await hire(adminA, postId, { hiringCheckId: await checkByPostId(adminA, postId) });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('EMPLOYMENT.ALREADY_EMPLOYED');
    expect(await employments(officerId)).toHaveLength(1);
  });

  it('should refuse a hire without a check of this officer with 422 hiring_check_missing_or_stale, leaving no rows', async () => {
    const { postId, officerId } = await certifiedOfficer(t);
    const other = await certifiedOfficer(t);
    const checkOfOther = await checkByPostId(hiringA, other.postId);
    for (const body of [{}, { hiringCheckId: null }, { hiringCheckId: checkOfOther }]) {
      const response = await hire(hiringA, postId, body);
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'EMPLOYMENT.HIRING_CHECK_REQUIRED', reasons: [{ code: 'hiring_check_missing_or_stale' }] });
    }
    expect(await employments(officerId)).toEqual([]);
    const refusals = await t.db.query(`SELECT details FROM audit_log WHERE action = 'employment.create_refused' AND details->>'postId' = $1`, [postId]);
    expect(refusals.rows).toHaveLength(3);
  });

  it('should accept a check 30 days old and refuse one 31 days old', async () => {
    const { postId, officerId } = await certifiedOfficer(t);
    const checkId = await checkByPostId(hiringA, postId);
    clock.set(new Date(NOW.getTime() + 31 * DAY));
    const stale = await hire(hiringA, postId, { hiringCheckId: checkId });
    expect(stale.status).toBe(422);
    expect(stale.body.reasons).toEqual([{ code: 'hiring_check_missing_or_stale' }]);
    clock.set(new Date(NOW.getTime() + 30 * DAY));
    expect((await hire(hiringA, postId, { hiringCheckId: checkId })).status).toBe(201);
    expect(await employments(officerId)).toHaveLength(1);
  });

  it("should answer another agency's check id with 404, as for an unknown one", async () => {
    const { postId, officerId } = await certifiedOfficer(t);
    const checkOfB = await checkByPostId(hiringB, postId);
    const foreign = await hire(hiringA, postId, { hiringCheckId: checkOfB });
    expect(foreign.status).toBe(404);
    const unknown = await hire(hiringA, postId, { hiringCheckId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.status).toBe(404);
    expect(foreign.body.detail).toBe(unknown.body.detail);
    expect(await employments(officerId)).toEqual([]);
  });

  it('should refuse an officer who is not hireable at the moment of the hire, with the reasons', async () => {
    const { postId: uncertified } = await createOfficer(t);
    const refused = await hire(hiringA, uncertified, { hiringCheckId: await checkByPostId(hiringA, uncertified) });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'EMPLOYMENT.NOT_HIREABLE', reasons: [{ code: 'not_certified' }] });

    // Hireable when checked, administratively suspended afterwards: the hire sees the new status.
    const { postId, officerId } = await certifiedOfficer(t);
    const checkId = await checkByPostId(hiringA, postId);
    const suspended = await t
      .http()
      .post(`/api/v1/officers/${postId}/certification/transitions`)
      .set(bearer(tokens.adjudicator))
      .send({ action: 'admin_suspend', reason: 'in_service_training' });
    expect(suspended.status).toBe(200);
    const response = await hire(hiringA, postId, { hiringCheckId: checkId });
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ code: 'EMPLOYMENT.NOT_HIREABLE', reasons: [{ code: 'admin_suspended', since: '2026-03-10' }] });
    expect(await employments(officerId)).toEqual([]);
  });

  it('should let a suspension and a hire sent together never leave a hire recorded after the suspension', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < 12; round++) {
      const { postId, officerId } = await certifiedOfficer(t);
      const checkId = await checkByPostId(hiringA, postId);
      const [suspension, hired] = await Promise.all([
        t
          .http()
          .post(`/api/v1/officers/${postId}/certification/transitions`)
          .set(bearer(tokens.adjudicator))
          .send({ action: 'admin_suspend', reason: 'failure_to_report' }),
        hire(hiringA, postId, { hiringCheckId: checkId }),
      ]);
      expect(suspension.status).toBe(200);
      expect([201, 422]).toContain(hired.status);
      const seqOf = async (action: string, entityId: string) =>
        Number((await t.db.query(`SELECT seq FROM audit_log WHERE action = $1 AND entity_id = $2`, [action, entityId])).rows[0]?.seq);
      const suspendedAt = await seqOf('certification.admin_suspend', officerId);
      if (hired.status === 201) {
        // Both succeeded: the hire must have been serialised before the suspension, while still certified.
        expect(await seqOf('employment.create', hired.body.id)).toBeLessThan(suspendedAt);
        outcomes.push('hired first');
      } else {
        expect(hired.body.reasons).toEqual([expect.objectContaining({ code: 'admin_suspended' })]);
        expect(await employments(officerId)).toEqual([]);
        outcomes.push('suspended first');
      }
    }
    // Which order won varies from run to run; every round above held the invariant.
    expect(outcomes).toHaveLength(12);
  });

  it('should replay a hire sent again with the same Idempotency-Key, and refuse the key for another body', async () => {
    const { postId, officerId } = await certifiedOfficer(t);
    const checkId = await checkByPostId(hiringA, postId);
    const send = (body: Record<string, unknown>) => hire(hiringA, postId, { hiringCheckId: checkId, ...body }).set('Idempotency-Key', `hire-${postId}`);
    const first = await send({});
    const again = await send({});
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.body).toEqual(first.body);
    expect((await send({ position: 'Detective' })).status).toBe(409);
    expect(await employments(officerId)).toHaveLength(1);
  });

  it('should refuse a start before the check or more than 30 days ahead with 422, audited, leaving no rows', async () => {
    const { postId, officerId } = await certifiedOfficer(t);
    const checkId = await checkByPostId(hiringA, postId);
    for (const [startDate, code] of [
      ['2026-03-09', 'start_before_hiring_check'],
      ['1985-01-01', 'start_before_hiring_check'],
      ['2026-04-10', 'start_too_far_ahead'],
      ['2099-01-01', 'start_too_far_ahead'],
    ]) {
      const response = await hire(hiringA, postId, { hiringCheckId: checkId, startDate });
      expect({ startDate, status: response.status, body: response.body }).toEqual({
        startDate,
        status: 422,
        body: expect.objectContaining({ code: 'EMPLOYMENT.START_DATE_OUTSIDE_CHECK', reasons: [{ code, checkedOn: '2026-03-10' }] }),
      });
    }
    expect(await employments(officerId)).toEqual([]);
    const refusals = await t.db.query(`SELECT details->>'code' AS code FROM audit_log WHERE action = 'employment.create_refused' AND details->>'postId' = $1`, [
      postId,
    ]);
    expect(refusals.rows).toEqual(Array(4).fill({ code: 'EMPLOYMENT.START_DATE_OUTSIDE_CHECK' }));
    // The check's own day and 30 days after it are the edges of what it clears, whatever day the hire is recorded.
    clock.set(new Date(NOW.getTime() + 20 * DAY));
    expect((await hire(hiringA, postId, { hiringCheckId: checkId, startDate: '2026-04-10' })).body.reasons).toEqual([
      { code: 'start_too_far_ahead', checkedOn: '2026-03-10' },
    ]);
    expect((await hire(hiringA, postId, { hiringCheckId: checkId, startDate: '2026-04-09' })).status).toBe(201);
  });

  it('should refuse a start on or after the day the certification ends, and take one before it', async () => {
    const { postId } = await createOfficer(t);
    const officerId = await officerIdOf(t, postId);
    await certifyBySql(t, officerId, { issuedOn: '2023-03-20', expiresOn: '2026-03-20' });
    const checkId = await checkByPostId(hiringA, postId);
    for (const startDate of ['2026-03-20', '2026-03-25']) {
      const response = await hire(hiringA, postId, { hiringCheckId: checkId, startDate });
      expect({ startDate, status: response.status, body: response.body }).toEqual({
        startDate,
        status: 422,
        body: expect.objectContaining({
          code: 'EMPLOYMENT.CERTIFICATION_ENDS_BEFORE_START',
          reasons: [{ code: 'certification_ends_before_start', expiresOn: '2026-03-20' }],
        }),
      });
    }
    expect(await employments(officerId)).toEqual([]);
    expect((await hire(hiringA, postId, { hiringCheckId: checkId, startDate: '2026-03-19' })).status).toBe(201);
  });

  it('should refuse a hire on a check that did not show a warning the officer carries now, until a new check shows it', async () => {
    const { postId, officerId } = await certifiedOfficer(t);
    const checkOfB = await checkByPostId(hiringB, postId);
    // Agency A hires the officer, who then resigns while A investigates (555 CMR 12.03).
    expect((await hire(hiringA, postId, { hiringCheckId: await checkByPostId(hiringA, postId), startDate: '2026-03-10' })).status).toBe(201);
    clock.set(new Date(NOW.getTime() + 2 * DAY));
    const [employmentOfA] = (await t.db.query(`SELECT id FROM employment WHERE officer_id = $1 AND agency_id = $2`, [officerId, agencyA])).rows;
    const separation = await t
      .http()
      .post(`/api/v1/employments/${employmentOfA.id}/separation`)
      .set(bearer(adminA))
      .send({ endDate: '2026-03-12', nature: 'resigned', reason: 'Resigned during an internal investigation', underInvestigation: true });
    expect(separation.status).toBe(200);

    const outdated = await hire(hiringB, postId, { hiringCheckId: checkOfB, startDate: '2026-03-12' });
    expect(outdated.status).toBe(422);
    expect(outdated.body).toMatchObject({
      code: 'EMPLOYMENT.HIRING_CHECK_OUTDATED',
      reasons: [{ code: 'warnings_since_check', warnings: [{ code: 'separated_under_investigation', agency: agencyAName, date: '2026-03-12' }] }],
    });
    expect(await employments(officerId)).toHaveLength(1);

    // A new check shows the warning; the hire it clears goes through (warnings never block on their own).
    const freshCheck = await checkByPostId(hiringB, postId);
    expect((await hire(hiringB, postId, { hiringCheckId: freshCheck, startDate: '2026-03-12' })).status).toBe(201);
  });

  it('should refuse a hire on a check made before a case was opened against the officer', async () => {
    const { postId, officerId } = await certifiedOfficer(t);
    const checkId = await checkByPostId(hiringA, postId);
    await openCase(t, tokens.investigator, { postId });
    const response = await hire(hiringA, postId, { hiringCheckId: checkId });
    expect(response.status).toBe(422);
    expect(response.body.reasons).toEqual([{ code: 'warnings_since_check', warnings: [{ code: 'open_case', count: 1 }] }]);
    expect(await employments(officerId)).toEqual([]);
    expect((await hire(hiringA, postId, { hiringCheckId: await checkByPostId(hiringA, postId) })).status).toBe(201);
  });

  it('should refuse a hire on a check whose open case was dismissed and another opened since, though the count is the same', async () => {
    const { postId, officerId } = await certifiedOfficer(t);
    const first = await openCase(t, tokens.investigator, { postId });
    const checkId = await checkByPostId(hiringA, postId);
    clock.set(new Date(NOW.getTime() + 60_000)); // the second case opens after the check
    await actAll(t, first.id, [[tokens.adjudicator, { action: 'dismiss', reason: 'Withdrawn' }]]);
    await openCase(t, tokens.investigator, { postId });
    const response = await hire(hiringA, postId, { hiringCheckId: checkId });
    expect(response.status).toBe(422);
    expect(response.body.reasons).toEqual([{ code: 'warnings_since_check', warnings: [{ code: 'open_case', count: 1 }] }]);
    expect(await employments(officerId)).toEqual([]);
  });

  it('should validate the request and 404 an unknown officer', async () => {
    const { postId } = await certifiedOfficer(t);
    const checkId = await checkByPostId(hiringA, postId);
    for (const [body, field] of [
      [{ startDate: '2026-02-30', hiringCheckId: checkId }, 'startDate'],
      [{ position: 'x'.repeat(101), hiringCheckId: checkId }, 'position'],
      [{ position: '   ', hiringCheckId: checkId }, 'position'],
      [{ hiringCheckId: "1' OR '1'='1" }, 'hiringCheckId'],
      [{ hiringCheckId: checkId, agencyId: agencyA }, 'agencyId'],
    ] as [Record<string, unknown>, string][]) {
      const response = await hire(hiringA, postId, body);
      const fields = (response.body.errors ?? []).map((error: { field: string }) => error.field);
      expect({ field, status: response.status, named: fields.includes(field) }).toEqual({ field, status: 400, named: true });
    }
    expect((await hire(hiringA, 'MA-999999', { hiringCheckId: checkId })).status).toBe(404);
    expect((await hire(hiringA, 'not-a-post-id', { hiringCheckId: checkId })).status).toBe(400);
    expect(await employments(await officerIdOf(t, postId))).toEqual([]);
  });
});
