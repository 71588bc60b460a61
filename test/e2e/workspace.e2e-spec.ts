import { FixedClock } from '@app/core';
import { actAll, caseTokens, CaseTokens, certifiedOfficer, openCase } from '../support/case-helpers';
import { certifyBySql, createOfficer, insertEmployment, officerIdOf } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** A Monday. */
const NOW = new Date('2026-06-15T15:00:00.000Z');
const at = (date: string) => new Date(`${date}T15:00:00.000Z`);
const GROUND = 'unprofessional_conduct_pattern';
const FINDINGS = [{ ground: GROUND, sustained: true }];
const WAIVER = { action: 'record_response', summary: 'Waives the hearing', hearingRequested: false, waivesHearing: true };

interface QueueItem {
  kind: string;
  reason: string;
  dueOn: string;
  overdue: boolean;
  subject: { type: string; id: string; postId: string | null };
}

/** API.md "Commission workspace": GET /work-queue and GET /stats/overview on data this test made. */
describe('commission workspace (e2e)', () => {
  let t: TestApp;
  const clock = new FixedClock(NOW);
  let tokens: CaseTokens;
  let agency: string;
  let agencyAdmin: string;
  let agencyHiring: string;
  const expected: QueueItem[] = [];
  const keyOf = (item: QueueItem) => (item.kind === 'case_deadline' ? `${item.subject.id}/${item.reason}` : item.subject.id);
  const byQueueOrder = (a: QueueItem, b: QueueItem) => {
    const ka = [a.dueOn, a.kind, keyOf(a)];
    const kb = [b.dueOn, b.kind, keyOf(b)];
    for (let i = 0; i < 3; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  };
  const caseItem = (id: string, postId: string, reason: string, dueOn: string): QueueItem => ({
    kind: 'case_deadline',
    reason,
    dueOn,
    overdue: dueOn < '2026-06-15',
    subject: { type: 'case', id, postId },
  });

  const employed = async () => certifiedOfficer(t, agency);
  const report = async (postId: string, receivedOn: string) => {
    const response = await t
      .http()
      .post('/api/v1/misconduct-reports')
      .set(bearer(agencyAdmin))
      .send({ postId, incidentDate: receivedOn, receivedOn, categories: ['excessive_force'], summary: 'Complaint of force.', agencyFinding: 'sustained' });
    if (response.status !== 201) throw new Error(`report failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string };
  };
  const check = async (postId: string) => {
    const response = await t.http().post('/api/v1/hiring-checks').set(bearer(agencyHiring)).send({ postId });
    if (response.status !== 201) throw new Error(`check failed: ${response.status}`);
  };
  const separateUnderInvestigation = async (officerId: string, agencyId: string) => {
    await insertEmployment(t, officerId, agencyId, '2020-01-01');
    await t.db.query(
      `UPDATE employment SET end_date = '2021-01-01', separation_nature = 'resigned', separation_reason = 'left', under_investigation = true
        WHERE officer_id = $1 AND agency_id = $2`,
      [officerId, agencyId],
    );
  };
  const get = (path: string, token: string) => t.http().get(path).set(bearer(token));

  beforeAll(async () => {
    t = await startTestApp({ clock });
    tokens = await caseTokens(t);
    agency = (await t.createOrganization('agency')).id;
    agencyAdmin = await t.userToken(agency, ['agency_admin']);
    agencyHiring = await t.userToken(agency, ['agency_hiring']);

    // F: reported 2026-02-02, revoked 02-10, final 02-13 (11 days from report to final).
    clock.set(at('2026-02-02'));
    const f = await employed();
    const fReport = await report(f.postId, '2026-02-01');
    const fCase = await openCase(t, tokens.investigator, { postId: f.postId, grounds: [GROUND], reportIds: [fReport.id] });
    await actAll(t, fCase.id, [
      [tokens.investigator, { action: 'issue_notice', proposedSanction: 'revoke', responseDueOn: '2026-02-16' }],
      [tokens.investigator, WAIVER],
    ]);
    clock.set(at('2026-02-10'));
    await actAll(t, fCase.id, [[tokens.adjudicator, { action: 'decide', sanction: 'revoke', findings: FINDINGS, reasoning: 'Proved' }]]);
    clock.set(at('2026-02-13'));
    await actAll(t, fCase.id, [[tokens.adjudicator, { action: 'finalize', appealWaived: true }]]);

    // E: reported 03-02, reprimanded 03-02, final 03-07 (5 days).
    clock.set(at('2026-03-02'));
    const e = await employed();
    const eReport = await report(e.postId, '2026-03-01');
    const eCase = await openCase(t, tokens.investigator, { postId: e.postId, grounds: [GROUND], reportIds: [eReport.id] });
    await actAll(t, eCase.id, [
      [tokens.investigator, { action: 'issue_notice', proposedSanction: 'reprimand', responseDueOn: '2026-03-16' }],
      [tokens.investigator, WAIVER],
      [tokens.adjudicator, { action: 'decide', sanction: 'reprimand', findings: FINDINGS, reasoning: 'Proved' }],
    ]);
    clock.set(at('2026-03-07'));
    await actAll(t, eCase.id, [[tokens.adjudicator, { action: 'finalize', appealWaived: true }]]);

    // A: the officer's response was due 05-20 and never came.
    clock.set(at('2026-05-01'));
    const a = await employed();
    const aCase = await openCase(t, tokens.investigator, { postId: a.postId });
    await actAll(t, aCase.id, [[tokens.investigator, { action: 'issue_notice', proposedSanction: 'reprimand', responseDueOn: '2026-05-20' }]]);
    expected.push(caseItem(aCase.id, a.postId, 'response_due', '2026-05-20'));

    // Hiring checks in May: a revoked officer (not hireable) and an unknown POST ID (no match).
    clock.set(at('2026-05-10'));
    await check(f.postId);
    await check('MA-999999');

    // B: interim suspension on 05-25, a hearing asked for on 05-27 and not held: due by 06-09 (c. 6E §9).
    clock.set(at('2026-05-25'));
    const b = await employed();
    const bCase = await openCase(t, tokens.investigator, { postId: b.postId });
    await actAll(t, bCase.id, [[tokens.adjudicator, { action: 'interim_suspend', trigger: 'felony_arrest', reason: 'Arrested' }]]);
    clock.set(at('2026-05-27'));
    await actAll(t, bCase.id, [[tokens.adjudicator, { action: 'record_interim_hearing', requestedOn: '2026-05-27', outcome: 'continued' }]]);
    expected.push(caseItem(bCase.id, b.postId, 'interim_hearing', '2026-06-09'));

    // C: suspended on 06-10: the appeal window ends 07-10 (c. 30A §14).
    clock.set(at('2026-06-10'));
    const c = await employed();
    const cCase = await openCase(t, tokens.investigator, { postId: c.postId });
    await actAll(t, cCase.id, [
      [tokens.investigator, { action: 'issue_notice', proposedSanction: 'suspend', responseDueOn: '2026-06-24' }],
      [tokens.investigator, WAIVER],
      [tokens.adjudicator, { action: 'decide', sanction: 'suspend', suspensionDays: 30, findings: FINDINGS, reasoning: 'Proved' }],
    ]);
    expected.push(caseItem(cCase.id, c.postId, 'appeal_window', '2026-07-10'));

    // A hiring check in June: a hireable officer.
    clock.set(at('2026-06-12'));
    const d = await employed();
    await check(d.postId);

    // D: hearing on 06-20.
    clock.set(NOW);
    const dCase = await openCase(t, tokens.investigator, { postId: d.postId });
    await actAll(t, dCase.id, [
      [tokens.investigator, { action: 'issue_notice', proposedSanction: 'reprimand', responseDueOn: '2026-06-29' }],
      [tokens.investigator, { action: 'record_response', summary: 'Asks for a hearing', hearingRequested: true }],
      [tokens.investigator, { action: 'schedule_hearing', hearingOn: '2026-06-20' }],
    ]);
    expected.push(caseItem(dCase.id, d.postId, 'hearing', '2026-06-20'));

    // L: received 06-01, reported 06-15: due 06-03 (2 business days), late (c. 6E §8(b)).
    const l = await employed();
    const late = await report(l.postId, '2026-06-01');
    expected.push({
      kind: 'late_report',
      reason: 'late_report',
      dueOn: '2026-06-03',
      overdue: true,
      subject: { type: 'misconduct_report', id: late.id, postId: l.postId },
    });

    // Terms: ending 07-01 (within 60 days), 08-20 (not yet), 06-15 (ended today: lapsed).
    for (const [expiresOn, listed] of [
      ['2026-07-01', true],
      ['2026-08-20', false],
      ['2026-06-15', false],
    ] as const) {
      const { postId } = await createOfficer(t);
      const officerId = await officerIdOf(t, postId);
      await certifyBySql(t, officerId, { issuedOn: '2023-06-01', expiresOn });
      if (listed)
        expected.push({
          kind: 'certification_expiring',
          reason: 'certification_expiring',
          dueOn: expiresOn,
          overdue: false,
          subject: { type: 'certification', id: officerId, postId },
        });
    }

    // Wandering: two separations under investigation (listed), and one (not).
    const other = (await t.createOrganization('agency')).id;
    const w = await createOfficer(t, { firstName: 'Wanda', lastName: 'Rover' });
    await separateUnderInvestigation(await officerIdOf(t, w.postId), agency);
    await separateUnderInvestigation(await officerIdOf(t, w.postId), other);
    const once = await createOfficer(t);
    await separateUnderInvestigation(await officerIdOf(t, once.postId), agency);

    // A possible duplicate: the same name and date of birth, created with confirmDistinct.
    const twin = { firstName: 'Dupli', lastName: 'Cate', dateOfBirth: '1980-01-01' };
    await createOfficer(t, twin);
    await createOfficer(t, twin);
    const pair = (await t.db.query(`SELECT id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day FROM possible_duplicate`)).rows;
    expect(pair).toHaveLength(1);
    const pairOfficer = (await t.db.query(`SELECT o.post_id FROM possible_duplicate p JOIN officer o ON o.id = p.officer_id`)).rows[0].post_id as string;
    expected.push({
      kind: 'possible_duplicate',
      reason: 'possible_duplicate',
      dueOn: pair[0].day,
      overdue: pair[0].day < '2026-06-15',
      subject: { type: 'possible_duplicate', id: pair[0].id, postId: pairOfficer },
    });

    // A webhook endpoint marked failing on 06-13.
    const hook = await t.db.query(
      `INSERT INTO webhook_endpoint (organization_id, url, events, sealed_secret, status, failing_since, created_by)
       VALUES ($1, 'https://hooks.example.test/post', '{officer.separated}', '\\x00', 'failing', '2026-06-13T10:00:00Z', 'test') RETURNING id`,
      [agency],
    );
    expected.push({
      kind: 'webhook_failing',
      reason: 'webhook_failing',
      dueOn: '2026-06-13',
      overdue: true,
      subject: { type: 'webhook', id: hook.rows[0].id, postId: null },
    });

    // A certification condition past due (06-10) and one not yet within 30 days (08-01); an open dispute since 06-12.
    for (const [dueOn, listed] of [
      ['2026-06-10', true],
      ['2026-08-01', false],
    ] as const) {
      const { rows } = await t.db.query(
        `INSERT INTO certification_condition (officer_id, basis, description, imposed_on, due_on, imposed_by, created_at)
         VALUES ($1, 'training', 'Finish the firearms course', '2026-01-02', $2, 'test', now()) RETURNING id`,
        [l.officerId, dueOn],
      );
      if (listed)
        expected.push({
          kind: 'condition_due',
          reason: 'condition_due',
          dueOn,
          overdue: true,
          subject: { type: 'certification_condition', id: rows[0].id, postId: l.postId },
        });
    }
    const opener = (await t.db.query(`SELECT id FROM app_user ORDER BY created_at LIMIT 1`)).rows[0].id;
    const dispute = await t.db.query(
      `INSERT INTO dispute (officer_id, subject_type, statement, opened_by, opened_at) VALUES ($1, 'identity', 'My date of birth is wrong.', $2, '2026-06-12T10:00:00Z') RETURNING id`,
      [d.officerId, opener],
    );
    expected.push({
      kind: 'dispute_open',
      reason: 'dispute_open',
      dueOn: '2026-06-12',
      overdue: true,
      subject: { type: 'dispute', id: dispute.rows[0].id, postId: d.postId },
    });

    // Notices no one could send (no mail transport) are overdue once their 10 days are over: whatever the submissions above made.
    const notices = await t.db.query(
      `SELECT n.id, to_char(n.due_by, 'YYYY-MM-DD') AS due, o.post_id FROM notice n JOIN officer o ON o.id = n.officer_id WHERE n.status <> 'sent' AND n.due_by < '2026-06-15'`,
    );
    expect(notices.rows.length).toBeGreaterThanOrEqual(4);
    for (const n of notices.rows)
      expected.push({
        kind: 'notice_overdue',
        reason: 'notice_overdue',
        dueOn: n.due,
        overdue: true,
        subject: { type: 'notice', id: n.id, postId: n.post_id },
      });
    expected.sort(byQueueOrder);
  });
  beforeEach(() => clock.set(NOW));
  afterAll(() => t.close());

  describe('GET /work-queue', () => {
    const strip = ({ kind, reason, dueOn, overdue, subject }: QueueItem) => ({ kind, reason, dueOn, overdue, subject });

    it('lists every item due, by due date (overdue first), each with a summary', async () => {
      for (const role of ['commission_admin', 'commission_investigator', 'commission_adjudicator'] as const) {
        const token = role === 'commission_admin' ? tokens.commissionAdmin : role === 'commission_investigator' ? tokens.investigator : tokens.adjudicator;
        const response = await get('/api/v1/work-queue?limit=500', token);
        expect(response.status).toBe(200);
        expect(response.body.nextCursor).toBeNull();
        expect(response.body.items.map(strip)).toEqual(expected);
        for (const item of response.body.items) expect(item.summary).toEqual(expect.any(String));
      }
      const items = expected;
      const firstNotOverdue = items.findIndex((item) => !item.overdue);
      expect(items.slice(firstNotOverdue).every((item) => !item.overdue)).toBe(true);
      expect(new Set(items.map((item) => item.kind))).toEqual(
        new Set([
          'case_deadline',
          'late_report',
          'notice_overdue',
          'possible_duplicate',
          'certification_expiring',
          'webhook_failing',
          'condition_due',
          'dispute_open',
        ]),
      );
    });

    it('names the case and the clock in the summary', async () => {
      const response = await get('/api/v1/work-queue?limit=500', tokens.investigator);
      const interim = response.body.items.find((item: QueueItem) => item.reason === 'interim_hearing');
      expect(interim.summary).toMatch(/^Case \d{4}-\d{6}: the requested interim-suspension hearing must be held/);
    });

    it('pages through the same items with its cursor', async () => {
      const seen: QueueItem[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const response = await get(`/api/v1/work-queue?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, tokens.investigator);
        expect(response.status).toBe(200);
        seen.push(...response.body.items.map(strip));
        cursor = response.body.nextCursor;
      }
      expect(seen).toEqual(expected);
    });

    it('drops an item once it is dealt with: a hearing held leaves the queue', async () => {
      const hearing = expected.find((item) => item.reason === 'hearing')!;
      const version = (await t.db.query(`SELECT version FROM commission_case WHERE id = $1`, [hearing.subject.id])).rows[0].version;
      clock.set(at('2026-06-20'));
      const held = await t
        .http()
        .post(`/api/v1/cases/${hearing.subject.id}/actions`)
        .set(bearer(tokens.investigator))
        .send({ action: 'record_hearing', heldOn: '2026-06-20', summary: 'Heard', expectedVersion: version });
      expect(held.status).toBe(200);
      clock.set(NOW);
      const response = await get('/api/v1/work-queue?limit=500', tokens.investigator);
      expect(response.body.items.map(strip)).toEqual(expected.filter((item) => item !== hearing));
      expected.splice(expected.indexOf(hearing), 1);
    });

    it.each([
      ['an unknown parameter', '?kind=case_deadline'],
      ['a cursor it did not issue', '?cursor=abc'],
      [
        'a forged cursor with a key that is not a row id',
        `?cursor=${Buffer.from(JSON.stringify({ dueOn: '2026-06-01', kind: 'notice_overdue', itemKey: 'x' })).toString('base64url')}`,
      ],
      ['a limit of 0', '?limit=0'],
    ])('refuses %s with 400', async (_, query) => {
      const response = await get(`/api/v1/work-queue${query}`, tokens.investigator);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('is the commission’s only', async () => {
      expect((await get('/api/v1/work-queue', agencyAdmin)).status).toBe(403);
    });
  });

  describe('GET /stats/overview', () => {
    const zeros = { revoke: 0, suspend: 0, retrain: 0, reprimand: 0, no_action: 0 };

    it('computes the figures from the registry', async () => {
      const response = await get('/api/v1/stats/overview?from=2026-01-01&to=2026-06-30', tokens.adjudicator);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        from: '2026-01-01',
        to: '2026-06-30',
        // D was heard in the work queue's test above (a hearing held leaves the queue).
        casesByStatus: { open: 1, notice_issued: 1, hearing_scheduled: 0, heard: 1, decided: 1, appealed: 0, final: 2, reversed: 0, dismissed: 0 },
        decisionsByMonth: [
          { month: '2026-01', ...zeros },
          { month: '2026-02', ...zeros, revoke: 1 },
          { month: '2026-03', ...zeros, reprimand: 1 },
          { month: '2026-04', ...zeros },
          { month: '2026-05', ...zeros },
          { month: '2026-06', ...zeros, suspend: 1 },
        ],
        medianDaysReportToFinal: 8,
        // A, D, E, L and two of the terms certified; B (interim) and C (decided) suspended; F revoked;
        // the term that ended today lapsed; the wandering, once-separated and twin officers never certified.
        certificationsByStatus: {
          not_certified: 4,
          certified: 6,
          admin_suspended: 0,
          suspended: 2,
          revoked: 1,
          lapsed: 1,
          inactive: 0,
          relinquished: 0,
        },
        hiringChecks: [
          { month: '2026-01', checks: 0, matches: 0, notHireable: 0 },
          { month: '2026-02', checks: 0, matches: 0, notHireable: 0 },
          { month: '2026-03', checks: 0, matches: 0, notHireable: 0 },
          { month: '2026-04', checks: 0, matches: 0, notHireable: 0 },
          { month: '2026-05', checks: 2, matches: 1, notHireable: 1 },
          { month: '2026-06', checks: 1, matches: 1, notHireable: 0 },
        ],
        wanderingOfficers: [{ postId: expect.any(String), name: 'Wanda Rover', separationsUnderInvestigation: 2 }],
      });
    });

    it('bounds the series and the median by the range, and defaults to the last twelve months', async () => {
      const march = await get('/api/v1/stats/overview?from=2026-03-01&to=2026-03-31', tokens.investigator);
      expect(march.body).toMatchObject({ decisionsByMonth: [{ month: '2026-03', ...zeros, reprimand: 1 }], medianDaysReportToFinal: 5 });
      const none = await get('/api/v1/stats/overview?from=2025-01-01&to=2025-12-31', tokens.investigator);
      expect(none.body.medianDaysReportToFinal).toBeNull();
      const fallback = await get('/api/v1/stats/overview', tokens.commissionAdmin);
      expect(fallback.body).toMatchObject({ from: '2025-07-01', to: '2026-06-15' });
      expect(fallback.body.decisionsByMonth.map((m: { month: string }) => m.month)).toHaveLength(12);
    });

    it.each([
      ['from after to', '?from=2026-06-02&to=2026-06-01'],
      ['an impossible date', '?from=2026-02-30'],
      ['a range over ten years', '?from=2010-01-01&to=2026-06-01'],
      ['an unknown parameter', '?month=2026-01'],
    ])('refuses %s with 400', async (_, query) => {
      const response = await get(`/api/v1/stats/overview${query}`, tokens.investigator);
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });
});
