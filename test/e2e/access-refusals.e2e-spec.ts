import { FixedClock } from '@app/core';
import { createOfficer, insertEmployment, officerIdOf } from '../support/factories';
import { bearer, startTestApp, TestApp, USER_PASSWORD } from '../support/test-app';

const NOW = new Date('2026-03-10T15:00:00.000Z');

/**
 * One access-check idiom (`AccessControl` in @app/audit, a policy per context): every refusal
 * is audited the same way, as `access.refused` naming the attempt and the error code, in a
 * transaction of its own, including those that used to leave no trace at all.
 */
describe('access refusals (e2e)', () => {
  let t: TestApp;
  let agencyA: { id: string };
  let agencyB: { id: string };
  let adminA: string;
  let adminB: string;
  let postId: string;
  let officerId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(NOW) });
    agencyA = await t.createOrganization('agency');
    agencyB = await t.createOrganization('agency');
    adminA = await t.userToken(agencyA.id, ['agency_admin']);
    adminB = await t.userToken(agencyB.id, ['agency_admin']);
    ({ postId } = await createOfficer(t));
    officerId = await officerIdOf(t, postId);
    await insertEmployment(t, officerId, agencyA.id);
  });
  afterAll(() => t.close());

  // Refusals wait in audit_pending until the folder chains them: both helpers fold first, as GET /audit does.
  const refusalsSince = async (seq: number) => {
    await t.foldAudit();
    return (await t.db.query(`SELECT action, entity_type, entity_id, organization_id, details FROM audit_log WHERE seq > $1 ORDER BY seq`, [seq])).rows;
  };
  const head = async () => {
    await t.foldAudit();
    return Number((await t.db.query(`SELECT coalesce(max(seq), 0) AS seq FROM audit_log`)).rows[0].seq);
  };

  it('an agency listing the training of an officer it never employed: the 404 of an unknown officer, audited (was not)', async () => {
    const before = await head();
    const hidden = await t.http().get(`/api/v1/officers/${postId}/training`).set(bearer(adminB));
    expect({ status: hidden.status, code: hidden.body.code }).toEqual({ status: 404, code: 'OFFICER.NOT_FOUND' });
    expect(await refusalsSince(before)).toEqual([
      {
        action: 'access.refused',
        entity_type: 'officer',
        entity_id: officerId,
        organization_id: agencyB.id,
        details: { attempt: 'training_completion.list', code: 'OFFICER.NOT_FOUND', postId },
      },
    ]);
    expect((await t.http().get(`/api/v1/officers/${postId}/training`).set(bearer(adminA))).status).toBe(200);
  });

  it("a report about, or an amendment of, another agency's record: a 404 whose entry outlives the request's rollback (was unaudited)", async () => {
    const before = await head();
    const stranger = await t
      .http()
      .post('/api/v1/misconduct-reports')
      .set(bearer(adminB))
      .send({
        postId,
        incidentDate: '2026-03-01',
        receivedOn: '2026-03-09',
        categories: ['dishonesty'],
        summary: 'Not ours to report',
        agencyFinding: 'pending',
      });
    expect({ status: stranger.status, code: stranger.body.code }).toEqual({ status: 404, code: 'OFFICER.NOT_FOUND' });
    const own = await t
      .http()
      .post('/api/v1/misconduct-reports')
      .set(bearer(adminA))
      .send({
        postId,
        incidentDate: '2026-03-01',
        receivedOn: '2026-03-09',
        categories: ['dishonesty'],
        summary: 'Ours',
        agencyFinding: 'pending',
      });
    expect(own.status).toBe(201);
    const amended = await t
      .http()
      .post(`/api/v1/misconduct-reports/${own.body.id}/amendments`)
      .set(bearer(adminB))
      .send({ summary: 'Rewritten', reason: 'probe' });
    expect({ status: amended.status, code: amended.body.code }).toEqual({ status: 404, code: 'REPORT.NOT_FOUND' });
    const refusals = (await refusalsSince(before)).filter((row) => row.action === 'access.refused');
    expect(refusals).toEqual([
      {
        action: 'access.refused',
        entity_type: 'officer',
        entity_id: null,
        organization_id: agencyB.id,
        details: { attempt: 'misconduct_report.create', code: 'OFFICER.NOT_FOUND', postId },
      },
      {
        action: 'access.refused',
        entity_type: 'misconduct_report',
        entity_id: own.body.id,
        organization_id: agencyB.id,
        details: { attempt: 'misconduct_report.amend', code: 'REPORT.NOT_FOUND' },
      },
    ]);
    // Nothing of the refused requests is left but their entries.
    expect(Number((await t.db.query(`SELECT count(*) FROM misconduct_report WHERE agency_id = $1`, [agencyB.id])).rows[0].count)).toBe(0);
  });

  it("another agency's separation: the 404 of an unknown employment, audited as every refusal is", async () => {
    const employmentId = (await t.db.query(`SELECT id FROM employment WHERE officer_id = $1`, [officerId])).rows[0].id as string;
    const before = await head();
    const response = await t.http().post(`/api/v1/employments/${employmentId}/separation`).set(bearer(adminB)).send({
      endDate: '2026-03-01',
      nature: 'resigned',
      reason: 'probe',
      underInvestigation: false,
    });
    expect(response.status).toBe(404);
    expect(await refusalsSince(before)).toEqual([
      {
        action: 'access.refused',
        entity_type: 'employment',
        entity_id: employmentId,
        organization_id: agencyB.id,
        details: { attempt: 'employment.separate', code: response.body.code },
      },
    ]);
  });

  it("administering another organization: 403 for its users' creation, 404 for its user, both audited (were not)", async () => {
    const before = await head();
    const create = await t
      .http()
      .post(`/api/v1/organizations/${agencyA.id}/users`)
      .set(bearer(adminB))
      .send({ email: 'probe@example.test', password: USER_PASSWORD, roles: ['agency_hiring'] });
    expect({ status: create.status, code: create.body.code }).toEqual({ status: 403, code: 'ORGANIZATION.NOT_ADMINISTERED' });
    const userOfA = (await t.db.query(`SELECT id FROM app_user WHERE organization_id = $1 LIMIT 1`, [agencyA.id])).rows[0].id as string;
    const disable = await t.http().post(`/api/v1/users/${userOfA}/disable`).set(bearer(adminB));
    expect({ status: disable.status, code: disable.body.code }).toEqual({ status: 404, code: 'USER.NOT_FOUND' });
    expect(await refusalsSince(before)).toEqual([
      {
        action: 'access.refused',
        entity_type: 'organization',
        entity_id: agencyA.id,
        organization_id: agencyB.id,
        details: { attempt: 'user.create', code: 'ORGANIZATION.NOT_ADMINISTERED' },
      },
      {
        action: 'access.refused',
        entity_type: 'user',
        entity_id: userOfA,
        organization_id: agencyB.id,
        details: { attempt: 'user.disable', code: 'USER.NOT_FOUND' },
      },
    ]);
  });

  it('the role guard refuses with the same action, naming its attempt and code like every policy', async () => {
    const before = await head();
    const response = await t
      .http()
      .post('/api/v1/cases')
      .set(bearer(adminA))
      .send({ postId, grounds: ['other_cause'], summary: 's' });
    expect({ status: response.status, code: response.body.code }).toEqual({ status: 403, code: 'AUTH.FORBIDDEN' });
    expect(await refusalsSince(before)).toEqual([
      {
        action: 'access.refused',
        entity_type: 'case',
        entity_id: null,
        organization_id: agencyA.id,
        details: { attempt: 'POST /api/v1/cases', code: 'AUTH.FORBIDDEN', method: 'POST', route: '/api/v1/cases', requiredRoles: ['commission_investigator'] },
      },
    ]);
  });
});
