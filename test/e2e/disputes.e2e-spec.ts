import { createCourse, insertEmployment, recordCompletion } from '../support/factories';
import { officerAccount, OfficerAccount } from '../support/officer-accounts';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** Issue 22 item 4: disputes, their `disputed` marks where agencies and the commission read, and their resolution. */
describe('disputes (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let adjudicator: string;
  let investigator: string;
  let agency: { id: string };
  let agencyAdmin: string;
  let agencyHiring: string;
  let me: OfficerAccount;
  let other: OfficerAccount;
  let employmentId: string;
  let otherEmploymentId: string;
  let completionId: string;
  let reportId: string;
  let otherReportId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
    const commission = await t.commissionId();
    adjudicator = await t.userToken(commission, ['commission_adjudicator']);
    investigator = await t.userToken(commission, ['commission_investigator']);
    agency = await t.createOrganization('agency');
    agencyAdmin = await t.userToken(agency.id, ['agency_admin']);
    agencyHiring = await t.userToken(agency.id, ['agency_hiring']);
    const registrar = await t.userToken((await t.createOrganization('academy')).id, ['academy_registrar']);
    me = await officerAccount(t);
    other = await officerAccount(t);
    employmentId = await insertEmployment(t, me.officerId, agency.id, '2024-01-02');
    otherEmploymentId = await insertEmployment(t, other.officerId, agency.id, '2024-01-02');
    const course = await createCourse(t, { kind: 'basic', hours: 800 });
    await recordCompletion(t, registrar, { postId: me.postId, courseCode: course.code, completedOn: '2023-06-01', hours: 800 });
    completionId = (await t.db.query(`SELECT id FROM training_completion WHERE officer_id = $1`, [me.officerId])).rows[0].id;
    const file = async (postId: string) => {
      const response = await t
        .http()
        .post('/api/v1/misconduct-reports')
        .set(bearer(agencyAdmin))
        .send({ postId, incidentDate: '2025-03-01', receivedOn: '2025-03-02', categories: ['excessive_force'], summary: 'Force.', agencyFinding: 'pending' });
      if (response.status !== 201) throw new Error(`report failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.id as string;
    };
    reportId = await file(me.postId);
    otherReportId = await file(other.postId);
  });
  afterAll(() => t.close());

  const dispute = (body: object, token = me.token) => t.http().post('/api/v1/me/disputes').set(bearer(token)).send(body);
  const resolve = (id: string, body: object, token = adjudicator) => t.http().post(`/api/v1/disputes/${id}/resolve`).set(bearer(token)).send(body);

  it('should refuse bad input: unknown fields and types (400), a missing or unexpected id (422), nothing written', async () => {
    expect((await dispute({ subject: { type: 'identity' }, statement: 'x', extra: 1 })).status).toBe(400);
    expect((await dispute({ subject: { type: 'salary' }, statement: 'x' })).status).toBe(400);
    expect((await dispute({ subject: { type: 'employment', id: 'nope' }, statement: 'x' })).status).toBe(400);
    expect((await dispute({ subject: { type: 'identity' }, statement: '   ' })).status).toBe(400);
    const missing = await dispute({ subject: { type: 'employment' }, statement: 'Wrong dates' });
    expect(missing.status).toBe(422);
    expect(missing.body.reasons).toEqual(['subject_id_required']);
    const unexpected = await dispute({ subject: { type: 'identity', id: employmentId }, statement: 'Wrong' });
    expect(unexpected.status).toBe(422);
    expect(unexpected.body.reasons).toEqual(['subject_id_not_expected']);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM dispute`)).rows[0].n).toBe(0);
  });

  it("should answer 404 for another officer's employment, report or an unknown completion, audited", async () => {
    for (const subject of [
      { type: 'employment', id: otherEmploymentId },
      { type: 'misconduct_report', id: otherReportId },
      { type: 'training_completion', id: '00000000-0000-4000-8000-000000000001' },
    ]) {
      expect({ subject, status: (await dispute({ subject, statement: 'Not right' })).status }).toEqual({ subject, status: 404 });
    }
    await t.foldAudit();
    const refused = await t.db.query(`SELECT entity_type FROM audit_log WHERE action = 'access.refused' AND details->>'attempt' = 'dispute.open'`);
    expect(refused.rows.map((r) => r.entity_type).sort()).toEqual(['employment', 'misconduct_report', 'training_completion']);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM dispute`)).rows[0].n).toBe(0);
  });

  it('should open disputes of each kind (201 open), one open per part (409), and list them for the officer', async () => {
    const subjects = [
      { type: 'identity' },
      { type: 'certification' },
      { type: 'employment', id: employmentId },
      { type: 'training_completion', id: completionId },
      { type: 'misconduct_report', id: reportId },
    ];
    for (const subject of subjects) {
      const response = await dispute({ subject, statement: `The ${subject.type} is wrong.` });
      expect({ subject, status: response.status }).toEqual({ subject, status: 201 });
      expect(response.body).toMatchObject({
        id: expect.any(String),
        status: 'open',
        postId: me.postId,
        subject: { type: subject.type, id: subject.id ?? null },
      });
    }
    expect((await dispute({ subject: { type: 'identity' }, statement: 'Again' })).status).toBe(409);
    const mine = await t.http().get('/api/v1/me/disputes').set(bearer(me.token));
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(5);
    expect((await t.http().get('/api/v1/me/disputes').set(bearer(other.token))).body.items).toEqual([]);
    await t.foldAudit();
    expect(
      (await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'dispute.open' AND details->>'postId' = $1`, [me.postId])).rows[0].n,
    ).toBe(5);
  });

  it('should show disputed: true to the commission and the agency wherever the record is read', async () => {
    const record = await t.http().get(`/api/v1/officers/${me.postId}`).set(bearer(investigator));
    expect(record.status).toBe(200);
    expect(record.body.disputed).toBe(true);
    expect(record.body.certification.disputed).toBe(true);
    expect(record.body.employmentHistory).toEqual([expect.objectContaining({ employmentId, disputed: true })]);
    const byAgency = await t.http().get(`/api/v1/officers/${me.postId}`).set(bearer(agencyAdmin));
    expect(byAgency.body.employmentHistory[0].disputed).toBe(true);
    const otherRecord = await t.http().get(`/api/v1/officers/${other.postId}`).set(bearer(investigator));
    expect(otherRecord.body.disputed).toBe(false);
    expect(otherRecord.body.employmentHistory[0].disputed).toBe(false);

    const training = await t.http().get(`/api/v1/officers/${me.postId}/training`).set(bearer(agencyAdmin));
    expect(training.body.items).toEqual([expect.objectContaining({ id: completionId, disputed: true })]);

    const reports = await t.http().get(`/api/v1/misconduct-reports`).set(bearer(agencyAdmin));
    const byId = new Map(reports.body.items.map((r: { id: string; disputed: boolean }) => [r.id, r.disputed]));
    expect([byId.get(reportId), byId.get(otherReportId)]).toEqual([true, false]);
    expect((await t.http().get(`/api/v1/misconduct-reports/${reportId}`).set(bearer(investigator))).body.disputed).toBe(true);

    const check = await t.http().post('/api/v1/hiring-checks').set(bearer(agencyHiring)).send({ postId: me.postId });
    expect(check.status).toBe(201);
    expect(check.body.matches[0].warnings).toContainEqual({
      code: 'disputed',
      subjects: ['certification', 'employment', 'identity', 'misconduct_report', 'training_completion'],
    });
    const otherCheck = await t.http().post('/api/v1/hiring-checks').set(bearer(agencyHiring)).send({ postId: other.postId });
    expect(otherCheck.body.matches[0].warnings.map((w: { code: string }) => w.code)).not.toContain('disputed');
  });

  it('should list disputes for the commission, resolve once with a notice to the officer, and show the outcome', async () => {
    const open = await t.http().get('/api/v1/disputes?status=open').set(bearer(investigator));
    expect(open.status).toBe(200);
    expect(open.body.items).toHaveLength(5);
    expect((await t.http().get('/api/v1/disputes?status=maybe').set(bearer(investigator))).status).toBe(400);
    const identity = open.body.items.find((d: { subject: { type: string } }) => d.subject.type === 'identity');

    expect((await resolve(identity.id, { outcome: 'fixed', reason: 'x' })).status).toBe(400);
    expect((await resolve(identity.id, { outcome: 'rejected', reason: 'x' }, investigator)).status).toBe(403);
    expect((await resolve('00000000-0000-4000-8000-000000000009', { outcome: 'rejected', reason: 'x' })).status).toBe(404);

    // Two resolutions at once: one wins, the other is a 409.
    const both = await Promise.all([
      resolve(identity.id, { outcome: 'rejected', reason: 'The birth record matches.' }),
      resolve(identity.id, { outcome: 'corrected', reason: 'Name corrected.' }, admin),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = both.find((r) => r.status === 200)!;
    expect(winner.body).toMatchObject({
      id: identity.id,
      status: 'resolved',
      outcome: expect.stringMatching(/rejected|corrected/),
      resolvedAt: expect.any(String),
    });

    const notices = await t.db.query(`SELECT kind, subject_type, subject_id FROM notice WHERE officer_id = $1 AND kind = 'dispute_resolved'`, [me.officerId]);
    expect(notices.rows).toEqual([{ kind: 'dispute_resolved', subject_type: 'dispute', subject_id: identity.id }]);
    await t.foldAudit();
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'dispute.resolve' AND entity_id = $1`, [identity.id])).rows[0].n).toBe(1);

    const mine = await t.http().get('/api/v1/me/disputes').set(bearer(me.token));
    expect(mine.body.items.find((d: { id: string }) => d.id === identity.id)).toMatchObject({
      status: 'resolved',
      outcome: winner.body.outcome,
      reason: winner.body.reason,
    });
    const record = await t.http().get(`/api/v1/officers/${me.postId}`).set(bearer(investigator));
    expect(record.body.disputed).toBe(false);
    // Resolved, the identity may be disputed again.
    expect((await dispute({ subject: { type: 'identity' }, statement: 'Still wrong' })).status).toBe(201);
    expect((await t.http().get('/api/v1/me/record').set(bearer(me.token))).body.disputes).toHaveLength(6);
  });

  it("should list one officer's disputes by POST ID for the commission only (?postId=), audited", async () => {
    const mine = await t.http().get(`/api/v1/disputes?postId=${me.postId.toLowerCase()}`).set(bearer(investigator));
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThanOrEqual(6);
    expect(mine.body.items.every((d: { postId: string }) => d.postId === me.postId)).toBe(true);
    const open = await t.http().get(`/api/v1/disputes?postId=${me.postId}&status=open`).set(bearer(investigator));
    expect(open.body.items.map((d: { status: string }) => d.status)).toEqual(open.body.items.map(() => 'open'));
    expect(open.body.items.length).toBeLessThan(mine.body.items.length);
    expect((await t.http().get(`/api/v1/disputes?postId=${other.postId}`).set(bearer(investigator))).body.items).toEqual([]);
    expect((await t.http().get('/api/v1/disputes?postId=MA-999999').set(bearer(investigator))).body.items).toEqual([]);
    const bad = await t.http().get('/api/v1/disputes?postId=nope').set(bearer(investigator));
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'postId' })]);
    expect((await t.http().get(`/api/v1/disputes?postId=${me.postId}`).set(bearer(agencyAdmin))).status).toBe(403);
    await t.foldAudit();
    const audited = await t.db.query(`SELECT details FROM audit_log WHERE action = 'dispute.list' AND details->>'postId' = $1`, [me.postId]);
    expect(audited.rows.length).toBeGreaterThanOrEqual(2);
  });

  it('should keep a resolved dispute as it is, even for the database role of the service', async () => {
    const { rows } = await t.db.query(`SELECT id FROM dispute WHERE status = 'resolved' LIMIT 1`);
    await expect(t.db.query(`UPDATE dispute SET reason = 'rewritten' WHERE id = $1`, [rows[0].id])).rejects.toThrow(/already resolved/);
  });

  it('should list, by either POST ID, the disputes of a record merged into another', async () => {
    const survivor = await officerAccount(t);
    const duplicate = await officerAccount(t);
    expect((await dispute({ subject: { type: 'identity' }, statement: 'Registered twice' }, duplicate.token)).status).toBe(201);
    const merged = await t
      .http()
      .post(`/api/v1/officers/${survivor.postId}/merge`)
      .set(bearer(admin))
      .send({ duplicatePostId: duplicate.postId, reason: 'One person', confirmDifferentBirthDates: true });
    expect(merged.status).toBe(200);
    for (const postId of [survivor.postId, duplicate.postId]) {
      const listed = await t.http().get(`/api/v1/disputes?postId=${postId}`).set(bearer(investigator));
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((d: { statement: string }) => d.statement)).toEqual(['Registered twice']);
    }
  });
});
