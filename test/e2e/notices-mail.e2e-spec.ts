import { FixedClock } from '@app/core';
import { MAX_SEND_ATTEMPTS, NoticeSender, NoticeSendingJob } from '@app/notifications';
import { actAll, caseTokens, CaseTokens, certifiedOfficer, openCase } from '../support/case-helpers';
import { createOfficer, insertEmployment, officerIdOf } from '../support/factories';
import { eventually } from '../support/jobs';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const NOW = new Date('2026-03-10T15:00:00.000Z');
const BASE_URL = 'https://registry.example.test';

/**
 * Issue 19, notices by mail: a real SMTP server in the test's process (smtp-server), the
 * service's own transport (SMTP_URL) and its durable job (pg-boss) in between. What arrives is
 * asserted as the officer would read it: recipient, subject, and nothing restricted.
 */
describe('notices to officers by mail (e2e, real SMTP server)', () => {
  let t: TestApp;
  let sink: SmtpSink;
  const clock = new FixedClock(NOW);
  const logLines: string[] = [];
  let tokens: CaseTokens;
  let agency: { id: string; name: string };
  let agencyAdmin: string;

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await startTestApp({
      clock,
      env: {
        SMTP_URL: sink.url,
        MAIL_FROM: 'POST Commission <notices@commission.example.test>',
        PUBLIC_BASE_URL: BASE_URL,
        LOG_LEVEL: 'debug',
        JOBS_POLL_INTERVAL_MS: '500',
      },
      logDestination: { write: (line: string) => void logLines.push(line) },
    });
    tokens = await caseTokens(t);
    agency = await t.createOrganization('agency');
    agencyAdmin = await t.userToken(agency.id, ['agency_admin']);
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  const employedOfficer = async (overrides: Record<string, unknown>) => {
    const officer = await createOfficer(t, { ssnLast4: '7319', ...overrides });
    const officerId = await officerIdOf(t, officer.postId);
    await insertEmployment(t, officerId, agency.id, '2020-01-06');
    return { ...officer, officerId };
  };
  const fileReport = (postId: string) =>
    t
      .http()
      .post('/api/v1/misconduct-reports')
      .set(bearer(agencyAdmin))
      .send({
        postId,
        incidentDate: '2026-03-01',
        receivedOn: '2026-03-09',
        categories: ['sexual_misconduct'],
        summary: 'CONFIDENTIAL-SUMMARY-TEXT of the complaint',
        agencyFinding: 'pending',
      });
  const noticeOf = async (officerId: string, kind: string) =>
    (await t.db.query(`SELECT id, status, channel, sent_at, attempts, last_failure FROM notice WHERE officer_id = $1 AND kind = $2`, [officerId, kind]))
      .rows[0];
  const mailTo = (address: string) => sink.messages.filter((message) => message.envelopeTo.includes(address));

  it('mails a misconduct report notice to the officer within seconds: recipient, subject, where to read it, and nothing restricted', async () => {
    const email = 'jordan.officer@example.test';
    const officer = await employedOfficer({ email, firstName: 'Jordan', lastName: 'Mailable' });
    const filed = await fileReport(officer.postId);
    expect(filed.status).toBe(201);

    await eventually(() => Promise.resolve(mailTo(email).length === 1), 30_000, 'the notice mail');
    const [mail] = mailTo(email);
    expect(mail.envelopeTo).toEqual([email]);
    expect(mail.to).toEqual([email]);
    expect(mail.from).toBe('notices@commission.example.test');
    expect(mail.subject).toBe(`A misconduct report about you was filed (${officer.postId})`);
    expect(mail.text).toContain(`Jordan Mailable (POST ID ${officer.postId})`);
    expect(mail.text).toContain(`${agency.name} filed a misconduct report about you on 2026-03-10.`);
    expect(mail.text).toContain(`Read it in the officer portal: ${BASE_URL}/console/`);
    // Nothing restricted, and not the report's content: the mail names the record, the portal shows it.
    for (const secret of [officer.dateOfBirth, '7319', 'CONFIDENTIAL-SUMMARY', 'sexual_misconduct', 'pending']) {
      expect(mail.subject + mail.text).not.toContain(secret);
    }

    await eventually(async () => (await noticeOf(officer.officerId, 'misconduct_report')).status === 'sent', 10_000, 'status sent');
    const listed = await t.http().get(`/api/v1/officers/${officer.postId}/notices`).set(bearer(tokens.commissionAdmin));
    expect(listed.body.items).toEqual([
      expect.objectContaining({ kind: 'misconduct_report', channel: 'email', status: 'sent', sentAt: NOW.toISOString(), dueBy: '2026-03-20', overdue: false }),
    ]);
    const { rows: audit } = await t.db.query(`SELECT actor_kind, details FROM audit_log WHERE action = 'notice.sent' AND entity_id = $1`, [
      listed.body.items[0].id,
    ]);
    expect(audit).toEqual([{ actor_kind: 'system', details: { postId: officer.postId, attempt: 1 } }]);
  });

  it("mails the case's notice and decision, naming the case and never its grounds or reasoning", async () => {
    const { postId, officerId } = await certifiedOfficer(t, agency.id);
    await t.db.query(`UPDATE officer SET email = 'case.officer@example.test' WHERE id = $1`, [officerId]);
    const opened = await openCase(t, tokens.investigator, { postId, summary: 'CASE-SUMMARY-SECRET' });
    await actAll(t, opened.id, [
      [tokens.investigator, { action: 'issue_notice', proposedSanction: 'reprimand', responseDueOn: '2026-03-24' }],
      [tokens.investigator, { action: 'record_response', summary: 'Waives', hearingRequested: false, waivesHearing: true }],
      [
        tokens.adjudicator,
        { action: 'decide', sanction: 'reprimand', findings: [{ ground: 'unprofessional_conduct_pattern', sustained: true }], reasoning: 'REASONING-SECRET' },
      ],
    ]);
    await eventually(() => Promise.resolve(mailTo('case.officer@example.test').length === 2), 30_000, 'two case mails');
    const subjects = mailTo('case.officer@example.test')
      .map((mail) => mail.subject)
      .sort();
    expect(subjects).toEqual([`Decision in case ${opened.caseNumber} (${postId})`, `Notice in case ${opened.caseNumber} (${postId})`]);
    for (const mail of mailTo('case.officer@example.test')) {
      expect(mail.text).not.toMatch(/CASE-SUMMARY-SECRET|REASONING-SECRET|unprofessional_conduct_pattern|reprimand/);
    }
    await eventually(async () => (await noticeOf(officerId, 'case_decision')).status === 'sent', 10_000, 'status sent');
  });

  it('sends nothing to an officer without an email: the notice waits in the portal (no_address)', async () => {
    const officer = await employedOfficer({});
    expect((await fileReport(officer.postId)).status).toBe(201);
    expect(await noticeOf(officer.officerId, 'misconduct_report')).toMatchObject({ status: 'no_address', channel: 'portal', attempts: 0 });
  });

  it(`retries a refused mail, then marks the notice failed after ${MAX_SEND_ATTEMPTS} attempts, recording codes and never the address`, async () => {
    const email = 'refused.address@example.test';
    const officer = await employedOfficer({ email });
    sink.refuseWith(550);
    try {
      expect((await fileReport(officer.postId)).status).toBe(201);
      // The job's first attempt fails; the notice stays queued for the next.
      await eventually(async () => (await noticeOf(officer.officerId, 'misconduct_report')).attempts >= 1, 30_000, 'a first attempt');
      const notice = await noticeOf(officer.officerId, 'misconduct_report');
      await eventually(async () => (await noticeOf(officer.officerId, 'misconduct_report')).last_failure === 'smtp_550', 10_000, 'the failure recorded');
      expect(await noticeOf(officer.officerId, 'misconduct_report')).toMatchObject({ status: 'queued', sent_at: null });
      // The queue's later retries are minutes apart: run the remaining attempts now, each past the previous one's lease.
      const sender = t.app.get(NoticeSender);
      for (let attempt = 2; attempt <= MAX_SEND_ATTEMPTS; attempt++) {
        await t.db.query(`UPDATE notice SET last_attempt_at = now() - interval '1 hour' WHERE id = $1`, [notice.id]);
        expect(await sender.attempt(notice.id)).toBe(attempt < MAX_SEND_ATTEMPTS ? 'retry' : 'done');
      }
      expect(await noticeOf(officer.officerId, 'misconduct_report')).toMatchObject({
        status: 'failed',
        attempts: MAX_SEND_ATTEMPTS,
        last_failure: 'smtp_550',
        sent_at: null,
      });
      expect(mailTo(email)).toEqual([]);
      // A failed notice is not sent: once its dueBy passes it is overdue.
      clock.set(new Date('2026-03-21T15:00:00.000Z'));
      const overdue = await t.http().get('/api/v1/notices?overdue=true').set(bearer(tokens.commissionAdmin));
      expect(overdue.body.items.map((item: { id: string; status: string }) => [item.id, item.status])).toContainEqual([notice.id, 'failed']);
    } finally {
      sink.refuseWith(undefined);
      clock.set(NOW);
    }
    const audit = await t.db.query(`SELECT action, details FROM audit_log WHERE entity_id = (SELECT id::text FROM notice WHERE officer_id = $1) ORDER BY seq`, [
      officer.officerId,
    ]);
    expect(audit.rows.map((row) => row.action)).toEqual(['notice.create', ...Array(MAX_SEND_ATTEMPTS - 1).fill('notice.attempt_failed'), 'notice.failed']);
    const everything = JSON.stringify(audit.rows) + logLines.join('');
    expect(everything).not.toContain('refused.address');
  });

  it('sends a queued notice whose job was lost once the sweep finds it', async () => {
    const email = 'swept.officer@example.test';
    const officer = await employedOfficer({ email });
    // A queued notice with no job (written by a process without the queue, or its job lost), two minutes old.
    const { rows } = await t.db.query(
      `INSERT INTO notice (officer_id, kind, subject_type, subject_id, submitted_by, created_at, due_by, channel, status)
       VALUES ($1, 'separation', 'employment', gen_random_uuid(), $2, $3, '2026-03-20', 'email', 'queued') RETURNING id`,
      [officer.officerId, agency.id, new Date(NOW.getTime() - 120_000)],
    );
    expect(await t.app.get(NoticeSendingJob).sweep()).toBeGreaterThanOrEqual(1);
    await eventually(() => Promise.resolve(mailTo(email).length === 1), 30_000, 'the swept notice mail');
    expect(mailTo(email)[0].subject).toBe(`Your separation was recorded (${officer.postId})`);
    await eventually(async () => (await t.db.query(`SELECT status FROM notice WHERE id = $1`, [rows[0].id])).rows[0].status === 'sent', 10_000, 'status sent');
  });

  it('writes no address into any log line', () => {
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('')).not.toMatch(/jordan\.officer|case\.officer|refused\.address|swept\.officer/);
  });
});
