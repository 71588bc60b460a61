import { FixedClock } from '@app/core';
import { actAll, caseTokens, CaseTokens, openCase } from '../support/case-helpers';
import { certifyBySql, createCourse, createOfficer, insertEmployment, officerIdOf, recordCompletion } from '../support/factories';
import { activationToken, officerAccount, OfficerAccount } from '../support/officer-accounts';
import { bearer, startTestApp, TestApp, USER_PASSWORD } from '../support/test-app';

/** Issue 22 items 1–3: officers' own accounts, `GET /me/record`, and the officer's answer to a notice. */
describe("officers' own accounts (e2e)", () => {
  const NOW = new Date('2026-03-10T15:00:00Z');
  const clock = new FixedClock(NOW);
  let t: TestApp;
  let admin: string;
  let agencyA: { id: string; name: string; code: string };
  let agencyB: { id: string; name: string; code: string };
  let adminA: string;
  let adminB: string;
  let hiringB: string;
  let registrar: string;
  let tokens: CaseTokens;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    admin = await t.adminToken();
    agencyA = await t.createOrganization('agency');
    agencyB = await t.createOrganization('agency');
    adminA = await t.userToken(agencyA.id, ['agency_admin']);
    adminB = await t.userToken(agencyB.id, ['agency_admin']);
    hiringB = await t.userToken(agencyB.id, ['agency_hiring']);
    registrar = await t.userToken((await t.createOrganization('academy')).id, ['academy_registrar']);
    tokens = await caseTokens(t);
  });
  beforeEach(() => clock.set(NOW));
  afterAll(() => t.close());

  const invite = (postId: string, email: string, token = admin) =>
    t.http().post(`/api/v1/officers/${postId}/account-invitations`).set(bearer(token)).send({ email });
  const activate = (token: string, password = USER_PASSWORD) => t.http().post('/api/v1/auth/activate').send({ token, password });

  describe('invitations and activation', () => {
    it('should invite by the commission, return the link once without mail, activate once, and sign in as an officer of no organization', async () => {
      const { postId } = await createOfficer(t);
      const invited = await invite(postId, 'Officer.One@Example.test');
      expect(invited.status).toBe(201);
      expect(invited.body).toEqual({ expiresAt: '2026-03-17T15:00:00.000Z', activationUrl: expect.stringMatching(/\/console\/activate#token=/) });
      const token = activationToken(invited.body.activationUrl);

      expect((await t.http().post('/api/v1/auth/login').send({ email: 'officer.one@example.test', password: USER_PASSWORD })).status).toBe(401);
      expect((await activate(token)).status).toBe(204);
      const again = await activate(token, 'another-long-password');
      expect(again.status).toBe(400);
      expect(again.body.type).toMatch(/ACCOUNT_TOKEN.INVALID/i);

      const officerToken = await t.login('officer.one@example.test');
      const me = await t.http().get('/api/v1/me').set(bearer(officerToken));
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ kind: 'user', organizationId: null, organizationType: null, roles: ['officer'] });

      const { rows } = await t.db.query(
        `SELECT u.organization_id, u.roles, o.post_id FROM app_user u JOIN officer o ON o.id = u.officer_id WHERE u.email = 'officer.one@example.test'`,
      );
      expect(rows).toEqual([{ organization_id: null, roles: ['officer'], post_id: postId }]);
      const notices = await t.db.query(`SELECT n.kind, n.subject_type FROM notice n JOIN officer o ON o.id = n.officer_id WHERE o.post_id = $1`, [postId]);
      expect(notices.rows).toEqual([{ kind: 'invitation', subject_type: 'officer_account' }]);
      await t.foldAudit();
      const audit = await t.db.query(`SELECT action FROM audit_log WHERE details->>'postId' = $1 AND action = 'officer_account.invite'`, [postId]);
      expect(audit.rows).toHaveLength(1);
    });

    it('should refuse an expired invitation, and let a new invitation replace an unused one', async () => {
      const { postId } = await createOfficer(t);
      const first = await invite(postId, 'late.officer@example.test');
      const second = await invite(postId, 'late.officer2@example.test');
      expect(second.status).toBe(201);
      // The first link was revoked by the second.
      expect((await activate(activationToken(first.body.activationUrl))).status).toBe(400);
      clock.set(new Date(NOW.getTime() + 8 * 24 * 3600_000));
      expect((await activate(activationToken(second.body.activationUrl))).status).toBe(400);
      await t.foldAudit();
      const refusals = await t.db.query(
        `SELECT details->>'reason' AS reason FROM audit_log WHERE action = 'auth.account_token_refused' ORDER BY seq DESC LIMIT 2`,
      );
      expect(refusals.rows.map((r) => r.reason).sort()).toEqual(['expired', 'revoked']);
    });

    it('should refuse a second invitation of an activated account (409) and an address already taken (409)', async () => {
      const account = await officerAccount(t);
      expect((await invite(account.postId, 'someone.else@example.test')).status).toBe(409);
      const { postId } = await createOfficer(t);
      const taken = await invite(postId, account.email);
      expect(taken.status).toBe(409);
      expect(
        (await t.db.query(`SELECT count(*)::int AS n FROM app_user u JOIN officer o ON o.id = u.officer_id WHERE o.post_id = $1`, [postId])).rows[0].n,
      ).toBe(0);
    });

    it("should let the employing agency's admin invite, refuse a past employer (403) and a stranger (404)", async () => {
      const { postId } = await createOfficer(t);
      const officerId = await officerIdOf(t, postId);
      await insertEmployment(t, officerId, agencyA.id);
      const past = await insertEmployment(t, officerId, agencyB.id, '2020-01-01');
      await t.db.query(`UPDATE employment SET end_date = '2021-01-01', separation_nature = 'resigned', under_investigation = false WHERE id = $1`, [past]);
      expect((await invite(postId, 'by.agency@example.test', adminA)).status).toBe(201);
      expect((await invite(postId, 'by.past@example.test', adminB)).status).toBe(403);
      const stranger = (await createOfficer(t)).postId;
      expect((await invite(stranger, 'by.stranger@example.test', adminA)).status).toBe(404);
      expect((await invite(postId, 'by.hiring@example.test', hiringB)).status).toBe(403);
    });

    it('should refuse bad input (400) and the officer role on an organization user (422)', async () => {
      const { postId } = await createOfficer(t);
      expect((await invite(postId, 'not-an-address')).status).toBe(400);
      expect((await t.http().post(`/api/v1/officers/${postId}/account-invitations`).set(bearer(admin)).send({ email: 'a@b.test', role: 'x' })).status).toBe(
        400,
      );
      const user = await t
        .http()
        .post(`/api/v1/organizations/${agencyA.id}/users`)
        .set(bearer(admin))
        .send({ email: 'sneaky@example.test', password: USER_PASSWORD, roles: ['officer'] });
      expect(user.status).toBe(422);
    });
  });

  describe('GET /me/record and the answer to a notice', () => {
    let me: OfficerAccount;
    let other: OfficerAccount;
    let caseId: string;
    let otherCaseId: string;
    let reportId: string;

    beforeAll(async () => {
      clock.set(NOW);
      me = await officerAccount(t);
      other = await officerAccount(t);
      await certifyBySql(t, me.officerId);
      await certifyBySql(t, other.officerId);
      await insertEmployment(t, me.officerId, agencyA.id, '2024-05-01');
      const course = await createCourse(t, { kind: 'basic', hours: 800 });
      await recordCompletion(t, registrar, { postId: me.postId, courseCode: course.code, completedOn: '2024-04-01', hours: 800 });
      const report = await t
        .http()
        .post('/api/v1/misconduct-reports')
        .set(bearer(adminA))
        .send({
          postId: me.postId,
          incidentDate: '2026-03-01',
          receivedOn: '2026-03-09',
          categories: ['excessive_force'],
          summary: 'Force at an arrest.',
          agencyFinding: 'sustained',
        });
      expect(report.status).toBe(201);
      reportId = report.body.id;
      expect((await t.http().post('/api/v1/hiring-checks').set(bearer(hiringB)).send({ postId: me.postId })).status).toBe(201);
      caseId = (await openCase(t, tokens.investigator, { postId: me.postId, reportIds: [reportId] })).id;
      await actAll(t, caseId, [[tokens.investigator, { action: 'issue_notice', proposedSanction: 'suspend', responseDueOn: '2026-03-24' }]]);
      otherCaseId = (await openCase(t, tokens.investigator, { postId: other.postId })).id;
      await actAll(t, otherCaseId, [[tokens.investigator, { action: 'issue_notice', proposedSanction: 'suspend', responseDueOn: '2026-03-24' }]]);
    });

    it('should give the officer the whole record, audited as a read', async () => {
      const response = await t.http().get('/api/v1/me/record').set(bearer(me.token));
      expect(response.status).toBe(200);
      const record = response.body;
      expect(record.identity).toMatchObject({ postId: me.postId, dateOfBirth: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
      expect(record.certification).toMatchObject({ postId: me.postId, status: 'certified', expiresOn: '2028-01-01' });
      expect(record.training).toEqual([expect.objectContaining({ completedOn: '2024-04-01', hours: 800, result: 'pass' })]);
      expect(record.employment).toEqual([
        expect.objectContaining({ agency: expect.objectContaining({ id: agencyA.id }), startDate: '2024-05-01', endDate: null }),
      ]);
      expect(record.misconductReports).toEqual([expect.objectContaining({ id: reportId, summary: 'Force at an arrest.', agencyFinding: 'sustained' })]);
      expect(record.cases).toHaveLength(1);
      expect(record.cases[0]).toMatchObject({
        view: 'officer',
        id: caseId,
        status: 'notice_issued',
        responseOpen: true,
        notice: { responseDueOn: '2026-03-24' },
      });
      expect(record.cases[0].timeline.map((e: { action: string }) => e.action)).toEqual(['open', 'issue_notice']);
      // The role each step was taken in, never which staff member (no id).
      expect(record.cases[0].timeline.map((e: { actor: unknown }) => e.actor)).toEqual([
        { kind: 'user', organizationId: expect.any(String), role: 'commission_investigator' },
        { kind: 'user', organizationId: expect.any(String), role: 'commission_investigator' },
      ]);
      expect(record.cases[0].notices).toEqual([expect.objectContaining({ kind: 'case_notice', subject: { type: 'case', id: caseId } })]);
      expect(record.cases[0]).not.toHaveProperty('allowedActions');
      expect(record.notices.map((n: { kind: string }) => n.kind).sort()).toEqual(['case_notice', 'invitation', 'misconduct_report']);
      expect(record.disputes).toEqual([]);
      expect(record.hiringChecks).toEqual([{ checkedAt: NOW.toISOString(), agency: { name: agencyB.name, code: agencyB.code } }]);
      // Nothing about the other officer.
      expect(JSON.stringify(record)).not.toContain(other.postId);
      await t.foldAudit();
      const audit = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'officer.record_read' AND entity_id = $1`, [me.officerId]);
      expect(audit.rows[0].n).toBe(1);
    });

    it("should answer 404 for another officer's record, certification, training and notices, and 403 on staff routes", async () => {
      for (const path of ['', '/certification', '/training', '/notices']) {
        expect({ path, status: (await t.http().get(`/api/v1/officers/${other.postId}${path}`).set(bearer(me.token))).status }).toEqual({ path, status: 404 });
      }
      expect((await t.http().get(`/api/v1/officers/${me.postId}/notices`).set(bearer(me.token))).status).toBe(200);
      expect((await t.http().get(`/api/v1/cases/${caseId}`).set(bearer(me.token))).status).toBe(403);
      expect((await t.http().get('/api/v1/misconduct-reports').set(bearer(me.token))).status).toBe(403);
      expect((await t.http().get('/api/v1/me/record').set(bearer(admin))).status).toBe(403);
    });

    it("should record the officer's answer within the window, once, and refuse another officer's case with 404", async () => {
      const foreign = await t
        .http()
        .post(`/api/v1/me/cases/${otherCaseId}/response`)
        .set(bearer(me.token))
        .send({ summary: 'Not mine', hearingRequested: true });
      expect(foreign.status).toBe(404);
      const unknownField = await t
        .http()
        .post(`/api/v1/me/cases/${caseId}/response`)
        .set(bearer(me.token))
        .send({ summary: 'x', hearingRequested: true, expectedVersion: 1 });
      expect(unknownField.status).toBe(400);
      const both = await t
        .http()
        .post(`/api/v1/me/cases/${caseId}/response`)
        .set(bearer(me.token))
        .send({ summary: 'x', hearingRequested: true, waivesHearing: true });
      expect(both.status).toBe(422);
      expect(both.body.reasons).toEqual(['hearing_requested_and_waived']);

      const answered = await t.http().post(`/api/v1/me/cases/${caseId}/response`).set(bearer(me.token)).send({ summary: 'I deny it.', hearingRequested: true });
      expect(answered.status).toBe(200);
      expect(answered.body).toMatchObject({
        view: 'officer',
        id: caseId,
        responseOpen: false,
        response: { recordedOn: '2026-03-10', hearingRequested: true, waivesHearing: false },
      });
      const { rows } = await t.db.query(`SELECT action, actor_kind, actor_organization_id FROM case_event WHERE case_id = $1 ORDER BY version`, [caseId]);
      expect(rows.at(-1)).toEqual({ action: 'record_response', actor_kind: 'user', actor_organization_id: null });
      const own = (await t.http().get('/api/v1/me/record').set(bearer(me.token))).body.cases[0].timeline;
      expect(own.at(-1)).toMatchObject({ action: 'record_response', actor: { kind: 'user', organizationId: null, role: 'officer' } });
      expect(
        (await t.http().post(`/api/v1/me/cases/${caseId}/response`).set(bearer(me.token)).send({ summary: 'Again', hearingRequested: false })).status,
      ).toBe(422);
      await t.foldAudit();
      const refused = await t.db.query(`SELECT details FROM audit_log WHERE action = 'access.refused' AND entity_id = $1`, [otherCaseId]);
      expect(refused.rows).toHaveLength(1);
    });

    it('should refuse an answer after the response window with 422 response_window_closed', async () => {
      clock.set(new Date('2026-03-25T12:00:00Z'));
      const late = await t.http().post(`/api/v1/me/cases/${otherCaseId}/response`).set(bearer(other.token)).send({ summary: 'Late', hearingRequested: false });
      expect(late.status).toBe(422);
      expect(late.body.reasons).toEqual(['response_window_closed']);
      expect((await t.db.query(`SELECT state->'response' AS response FROM commission_case WHERE id = $1`, [otherCaseId])).rows[0].response).toBeNull();
    });
  });
});
