import { FixedClock } from '@app/core';
import { act, actAll, caseTokens, CaseTokens, certifiedOfficer, openCase } from '../support/case-helpers';
import { createOfficer, insertEmployment, officerIdOf } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** A Tuesday. Notices are due 10 calendar days later: Friday 2026-03-20. */
const NOW = new Date('2026-03-10T15:00:00.000Z');
const DUE_BY = '2026-03-20';

/**
 * Issue 19, notices to officers, without a mail transport (no SMTP_URL): every submission about
 * an officer writes its notice in its own transaction, kept with status `no_transport` (or
 * `no_address`) for the portal and the commission. Mail itself: notices-mail.e2e-spec.ts.
 */
describe('notices to officers (e2e, no SMTP_URL)', () => {
  let t: TestApp;
  const clock = new FixedClock(NOW);
  const logLines: string[] = [];
  let tokens: CaseTokens;
  let agencyId: string;
  let agencyAdmin: string;
  let registrar: string;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { LOG_LEVEL: 'debug' }, logDestination: { write: (line: string) => void logLines.push(line) } });
    tokens = await caseTokens(t);
    agencyId = (await t.createOrganization('agency')).id;
    agencyAdmin = await t.userToken(agencyId, ['agency_admin']);
    registrar = await t.userToken((await t.createOrganization('academy')).id, ['academy_registrar']);
  });
  beforeEach(() => clock.set(NOW));
  afterAll(() => t.close());

  /** An officer employed by the test agency, with an email unless `email: null`. */
  const employedOfficer = async (email: string | null = `officer-${Math.random().toString(36).slice(2)}@example.test`) => {
    const officer = await createOfficer(t, email ? { email } : {});
    const officerId = await officerIdOf(t, officer.postId);
    const employmentId = await insertEmployment(t, officerId, agencyId, '2020-01-06');
    return { ...officer, officerId, employmentId, email };
  };
  const report = (postId: string, overrides: Record<string, unknown> = {}) => ({
    postId,
    incidentDate: '2026-03-01',
    receivedOn: '2026-03-09',
    categories: ['excessive_force'],
    summary: 'Complaint of force during an arrest.',
    agencyFinding: 'pending',
    ...overrides,
  });
  const fileReport = (body: object, key?: string) => {
    const request = t.http().post('/api/v1/misconduct-reports').set(bearer(agencyAdmin));
    return (key ? request.set('Idempotency-Key', key) : request).send(body);
  };
  const noticesOf = (postId: string, query = '', token = tokens.commissionAdmin) =>
    t.http().get(`/api/v1/officers/${postId}/notices${query}`).set(bearer(token));
  const noticeRows = async (officerId: string) =>
    (
      await t.db.query(
        // The fixed clock gives notices of one test the same instant: ordered by kind, as the tests list them.
        `SELECT kind, subject_type, subject_id, channel, status, to_char(due_by, 'YYYY-MM-DD') AS due_by, sent_at FROM notice WHERE officer_id = $1
          ORDER BY array_position(ARRAY['misconduct_report', 'report_amendment', 'separation', 'case_notice', 'case_decision'], kind), created_at`,
        [officerId],
      )
    ).rows;

  describe('a notice for each submission, in its transaction', () => {
    it('writes a misconduct_report notice with the report, due 10 calendar days later, kept as no_transport and audited without the address', async () => {
      const officer = await employedOfficer();
      const filed = await fileReport(report(officer.postId));
      expect(filed.status).toBe(201);

      const listed = await noticesOf(officer.postId);
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual({
        items: [
          {
            id: expect.any(String),
            postId: officer.postId,
            kind: 'misconduct_report',
            subject: { type: 'misconduct_report', id: filed.body.id },
            createdAt: NOW.toISOString(),
            dueBy: DUE_BY,
            sentAt: null,
            channel: 'email',
            status: 'no_transport',
            overdue: false,
          },
        ],
        nextCursor: null,
      });
      const { rows: audit } = await t.db.query(`SELECT actor_id, details FROM audit_log WHERE action = 'notice.create' AND entity_id = $1`, [
        listed.body.items[0].id,
      ]);
      expect(audit).toEqual([
        {
          actor_id: expect.any(String),
          details: {
            postId: officer.postId,
            kind: 'misconduct_report',
            subject: { type: 'misconduct_report', id: filed.body.id },
            dueBy: DUE_BY,
            channel: 'email',
            status: 'no_transport',
          },
        },
      ]);
    });

    it('keeps the notice of an officer without an email for the portal (no_address)', async () => {
      const officer = await employedOfficer(null);
      expect((await fileReport(report(officer.postId))).status).toBe(201);
      expect(await noticeRows(officer.officerId)).toEqual([
        {
          kind: 'misconduct_report',
          subject_type: 'misconduct_report',
          subject_id: expect.any(String),
          channel: 'portal',
          status: 'no_address',
          due_by: DUE_BY,
          sent_at: null,
        },
      ]);
    });

    it('writes report_amendment and separation notices', async () => {
      const officer = await employedOfficer();
      const filed = await fileReport(report(officer.postId));
      const amended = await t
        .http()
        .post(`/api/v1/misconduct-reports/${filed.body.id}/amendments`)
        .set(bearer(agencyAdmin))
        .send({ agencyFinding: 'sustained', reason: 'Investigation closed' });
      expect(amended.status).toBe(201);
      const separated = await t
        .http()
        .post(`/api/v1/employments/${officer.employmentId}/separation`)
        .set(bearer(agencyAdmin))
        .send({ endDate: '2026-03-06', nature: 'resigned', reason: 'Resigned', underInvestigation: true });
      expect(separated.status).toBe(200);
      expect((await noticeRows(officer.officerId)).map((row) => [row.kind, row.subject_type, row.subject_id])).toEqual([
        ['misconduct_report', 'misconduct_report', filed.body.id],
        ['report_amendment', 'misconduct_report', filed.body.id],
        ['separation', 'employment', officer.employmentId],
      ]);
    });

    it("writes case_notice and case_decision notices with the case's actions, and none for the others", async () => {
      const { postId, officerId } = await certifiedOfficer(t, agencyId);
      const opened = await openCase(t, tokens.investigator, { postId });
      await actAll(t, opened.id, [
        [tokens.investigator, { action: 'issue_notice', proposedSanction: 'reprimand', responseDueOn: '2026-03-24' }],
        [tokens.investigator, { action: 'record_response', summary: 'Waives the hearing', hearingRequested: false, waivesHearing: true }],
        [
          tokens.adjudicator,
          { action: 'decide', sanction: 'reprimand', findings: [{ ground: 'unprofessional_conduct_pattern', sustained: true }], reasoning: 'Admitted' },
        ],
      ]);
      const rows = await noticeRows(officerId);
      expect(rows.map((row) => [row.kind, row.subject_type, row.subject_id, row.due_by])).toEqual([
        ['case_notice', 'case', opened.id, DUE_BY],
        ['case_decision', 'case', opened.id, DUE_BY],
      ]);
    });

    it('writes no notice for a refused submission: another agency’s officer, a stale amendment, a refused case action, a bad separation', async () => {
      const officer = await employedOfficer();
      const stranger = await createOfficer(t, { email: 'stranger@example.test' });
      expect((await fileReport(report(stranger.postId))).status).toBe(404);
      const filed = await fileReport(report(officer.postId));
      const stale = await t
        .http()
        .post(`/api/v1/misconduct-reports/${filed.body.id}/amendments`)
        .set(bearer(agencyAdmin))
        .send({ agencyFinding: 'sustained', reason: 'Investigation closed', expectedVersion: 7 });
      expect(stale.status).toBe(409);
      const badSeparation = await t
        .http()
        .post(`/api/v1/employments/${officer.employmentId}/separation`)
        .set(bearer(agencyAdmin))
        .send({ endDate: '2019-01-01', nature: 'resigned', reason: 'Before the start', underInvestigation: false });
      expect(badSeparation.status).toBe(422);
      const opened = await openCase(t, tokens.investigator, { postId: officer.postId });
      const wrongVersion = await act(t, tokens.investigator, opened.id, {
        action: 'issue_notice',
        proposedSanction: 'reprimand',
        responseDueOn: '2026-03-24',
        expectedVersion: 9,
      });
      expect(wrongVersion.status).toBe(409);
      const tooEarly = await act(t, tokens.adjudicator, opened.id, {
        action: 'decide',
        sanction: 'reprimand',
        findings: [{ ground: 'unprofessional_conduct_pattern', sustained: true }],
        reasoning: 'x',
        expectedVersion: 1,
      });
      expect(tooEarly.status).toBe(422);
      expect((await noticeRows(officer.officerId)).map((row) => row.kind)).toEqual(['misconduct_report']);
      expect(await noticeRows(await officerIdOf(t, stranger.postId))).toEqual([]);
    });

    it('is one transaction with its submission: a failure after the notice is written takes both back, and a replay writes no second one', async () => {
      const officer = await employedOfficer();
      // The notice's own audit entry is written after the notice: refusing it fails the request after the notice row exists.
      await t.db.query(`
        CREATE FUNCTION refuse_test_notice_audit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'refused by the test'; END $$`);
      await t.db.query(`CREATE TRIGGER refuse_test_notice_audit BEFORE INSERT ON audit_log FOR EACH ROW
        WHEN (NEW.action = 'notice.create' AND NEW.details ->> 'postId' = '${officer.postId}') EXECUTE FUNCTION refuse_test_notice_audit()`);
      try {
        expect((await fileReport(report(officer.postId))).status).toBe(500);
      } finally {
        await t.db.query(`DROP TRIGGER refuse_test_notice_audit ON audit_log`);
        await t.db.query(`DROP FUNCTION refuse_test_notice_audit()`);
      }
      const reports = await t.db.query(`SELECT count(*)::int AS n FROM misconduct_report WHERE officer_id = $1`, [officer.officerId]);
      expect(reports.rows[0].n).toBe(0);
      expect(await noticeRows(officer.officerId)).toEqual([]);

      const first = await fileReport(report(officer.postId), 'notice-replay-1');
      const replay = await fileReport(report(officer.postId), 'notice-replay-1');
      expect([first.status, replay.status]).toEqual([201, 201]);
      expect(replay.body.id).toBe(first.body.id);
      expect(await noticeRows(officer.officerId)).toHaveLength(1);
    });
  });

  describe('GET /notices?overdue=true', () => {
    it('lists the notices not sent by their dueBy once the day has passed, and only those; overdue=false the others', async () => {
      const officer = await employedOfficer();
      clock.set(new Date('2026-01-05T15:00:00.000Z'));
      expect((await fileReport(report(officer.postId, { incidentDate: '2026-01-01', receivedOn: '2026-01-05' }))).status).toBe(201);
      clock.set(NOW);
      expect((await fileReport(report(officer.postId))).status).toBe(201);
      // Sent notices are never overdue, however late.
      await t.db.query(
        `INSERT INTO notice (officer_id, kind, subject_type, subject_id, created_at, due_by, channel, status, sent_at)
        VALUES ($1, 'separation', 'employment', $2, '2026-01-01T10:00:00Z', '2026-01-11', 'email', 'sent', '2026-01-02T10:00:00Z')`,
        [officer.officerId, officer.employmentId],
      );

      const all = async (query: string) => {
        const items: Array<{ postId: string; dueBy: string; status: string; overdue: boolean }> = [];
        let cursor: string | null = null;
        do {
          const page: { status: number; body: { items: typeof items; nextCursor: string | null } } = await t
            .http()
            .get(`/api/v1/notices?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
            .set(bearer(tokens.investigator));
          expect(page.status).toBe(200);
          items.push(...page.body.items);
          cursor = page.body.nextCursor;
        } while (cursor);
        return items.filter((item) => item.postId === officer.postId);
      };
      const overdue = await all('overdue=true');
      expect(overdue.map((item) => [item.dueBy, item.status, item.overdue])).toEqual([['2026-01-15', 'no_transport', true]]);
      const others = await all('overdue=false');
      expect(others.map((item) => [item.dueBy, item.status, item.overdue])).toEqual([
        [DUE_BY, 'no_transport', false],
        ['2026-01-11', 'sent', false],
      ]);

      // On its dueBy a notice is not overdue yet; the day after, it is.
      clock.set(new Date(`${DUE_BY}T23:00:00.000Z`));
      expect((await all('overdue=true')).map((item) => item.dueBy)).toEqual(['2026-01-15']);
      clock.set(new Date('2026-03-21T01:00:00.000Z'));
      expect((await all('overdue=true')).map((item) => item.dueBy)).toEqual([DUE_BY, '2026-01-15']);
    });
  });

  describe('access and input', () => {
    let postId: string;
    beforeAll(async () => {
      postId = (await employedOfficer()).postId;
      await fileReport(report(postId));
    });

    it('answers every commission role and refuses agencies, academies and the anonymous', async () => {
      for (const token of [tokens.commissionAdmin, tokens.investigator, tokens.adjudicator]) {
        expect((await noticesOf(postId, '', token)).status).toBe(200);
        expect((await t.http().get('/api/v1/notices').set(bearer(token))).status).toBe(200);
      }
      for (const token of [agencyAdmin, registrar]) {
        expect((await noticesOf(postId, '', token)).status).toBe(403);
        expect((await t.http().get('/api/v1/notices?overdue=true').set(bearer(token))).status).toBe(403);
      }
      expect((await t.http().get(`/api/v1/officers/${postId}/notices`)).status).toBe(401);
      expect((await t.http().get('/api/v1/notices')).status).toBe(401);
    });

    it('answers an unknown POST ID with 404, audited as a refusal', async () => {
      const response = await noticesOf('MA-999997');
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('OFFICER.NOT_FOUND');
      // Refusals wait in audit_pending until folded into the chain (issue 17 item 5).
      await t.foldAudit();
      const { rows } = await t.db.query(`SELECT details FROM audit_log WHERE action = 'access.refused' ORDER BY seq DESC LIMIT 1`);
      expect(rows[0].details).toMatchObject({ attempt: 'notice.list', postId: 'MA-999997' });
    });

    it.each([
      ['/api/v1/notices?overdue=maybe', 'overdue'],
      ['/api/v1/notices?limit=0', 'limit'],
      ['/api/v1/notices?limit=501', 'limit'],
      ['/api/v1/notices?cursor=not-a-cursor', 'cursor'],
      ['/api/v1/notices?status=sent', 'status'],
      ['/api/v1/officers/not-a-post-id/notices', 'postId'],
    ])('refuses %s with 400 naming %s', async (url, field) => {
      const response = await t.http().get(url).set(bearer(tokens.commissionAdmin));
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    });
  });

  describe("the officer's email", () => {
    it('is shown with the date of birth only: never on the public record, never in a log line or an audit entry', async () => {
      const email = 'restricted.address@example.test';
      const officer = await employedOfficer(email);
      await fileReport(report(officer.postId));
      const record = await t.http().get(`/api/v1/officers/${officer.postId}`).set(bearer(tokens.commissionAdmin));
      expect(record.body).toMatchObject({ dateOfBirth: officer.dateOfBirth, email });
      const publicRecord = await t.http().get(`/api/v1/public/officers/${officer.postId}`);
      expect(publicRecord.status).toBe(200);
      expect(JSON.stringify(publicRecord.body)).not.toContain('restricted.address');
      expect((await noticesOf(officer.postId)).text).not.toContain('restricted.address');
      // A refused create echoes nothing either.
      const refused = await t
        .http()
        .post('/api/v1/officers')
        .set(bearer(registrar))
        .send({ firstName: 'X', lastName: 'Y', dateOfBirth: '1990-01-01', email: 'not an address restricted.address' });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).not.toContain('restricted.address');

      const audit = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE details::text LIKE '%restricted.address%'`);
      expect(audit.rows[0].n).toBe(0);
      expect(logLines.length).toBeGreaterThan(0);
      expect(logLines.join('')).not.toContain('restricted.address');
    });
  });
});
