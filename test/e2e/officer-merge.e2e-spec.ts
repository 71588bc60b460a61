import { FixedClock } from '@app/core';
import { parse } from 'csv-parse/sync';
import { actAll, caseTokens, CaseTokens, openCase } from '../support/case-helpers';
import { certifyBySql, createCourse, createOfficer, insertEmployment, officerIdOf, recordCompletion } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** A Tuesday; NOTICE_MIN_DAYS 14 puts the earliest response day on 2026-03-24. */
const NOW = new Date('2026-03-10T15:00:00.000Z');

/** POST /officers/:postId/merge (API.md "Identity changes and merges"): one officer of two, never a laundered record. */
describe('officer merge (e2e)', () => {
  let t: TestApp;
  let tokens: CaseTokens;
  let admin: string;
  let agencyA: { id: string; name: string };
  let agencyB: { id: string; name: string };
  let hiringA: string;
  let registrar: string;
  const notice = { action: 'issue_notice', proposedSanction: 'revoke', responseDueOn: '2026-03-24' };
  const waiver = { action: 'record_response', summary: 'Waives the hearing', hearingRequested: false, waivesHearing: true };
  const findings = [{ ground: 'unprofessional_conduct_pattern', sustained: true }];

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(NOW) });
    tokens = await caseTokens(t);
    admin = await t.adminToken();
    agencyA = await t.createOrganization('agency');
    agencyB = await t.createOrganization('agency');
    hiringA = await t.userToken(agencyA.id, ['agency_hiring']);
    registrar = await t.userToken((await t.createOrganization('academy')).id, ['academy_registrar']);
  });
  afterAll(() => t.close());

  const merge = (postId: string, body: object, token = admin) => t.http().post(`/api/v1/officers/${postId}/merge`).set(bearer(token)).send(body);
  const officer = async (firstName: string, lastName: string, dateOfBirth: string) => {
    const { postId } = await createOfficer(t, { firstName, lastName, dateOfBirth });
    return { postId, id: await officerIdOf(t, postId) };
  };
  const checkByPostId = (postId: string) => t.http().post('/api/v1/hiring-checks').set(bearer(hiringA)).send({ postId });
  const csvRows = async () => parse<Record<string, string>>((await t.http().get('/api/v1/public/disciplinary-actions.csv')).text, { columns: true });

  it('should carry the duplicate revocation to the survivor: every lookup of either POST ID shows it', async () => {
    const dateOfBirth = '1977-09-12';
    // The survivor: certified and employed, clean.
    const survivor = await officer('Desmond', 'Achterberg', dateOfBirth);
    await certifyBySql(t, survivor.id);
    await insertEmployment(t, survivor.id, agencyA.id, '2025-02-01');
    // The duplicate: registered over the warning, revoked in a final case, with a separation under investigation.
    const duplicate = await officer('Desmond', 'Achterburg', dateOfBirth);
    await certifyBySql(t, duplicate.id);
    const employment = await insertEmployment(t, duplicate.id, agencyB.id, '2024-01-02');
    await t.db.query(
      `UPDATE employment SET end_date = '2025-01-15', separation_nature = 'resigned', separation_reason = 'Left', under_investigation = true WHERE id = $1`,
      [employment],
    );
    const revocation = await openCase(t, tokens.investigator, { postId: duplicate.postId });
    await actAll(t, revocation.id, [
      [tokens.investigator, notice],
      [tokens.investigator, waiver],
      [tokens.adjudicator, { action: 'decide', sanction: 'revoke', findings, reasoning: 'Pattern shown' }],
      [tokens.adjudicator, { action: 'finalize', appealWaived: true }],
    ]);
    // An open case against the survivor-to-be's twin record too: it must carry over.
    const open = await openCase(t, tokens.investigator, { postId: duplicate.postId, summary: 'Second matter' });
    const course = await createCourse(t, { kind: 'in_service', hours: 40 });
    await recordCompletion(t, registrar, { postId: duplicate.postId, courseCode: course.code, completedOn: '2025-05-01', hours: 40 });

    const before = await checkByPostId(survivor.postId);
    expect(before.body.matches[0]).toMatchObject({ postId: survivor.postId, hireable: true });
    const pair = (await t.http().get('/api/v1/officers/possible-duplicates').set(bearer(admin))).body.items;
    expect(pair).toEqual([
      expect.objectContaining({ officers: [expect.objectContaining({ postId: duplicate.postId }), expect.objectContaining({ postId: survivor.postId })] }),
    ]);

    const merged = await merge(survivor.postId, { duplicatePostId: duplicate.postId, reason: 'One person registered twice by two academies.' });
    expect(merged.status).toBe(200);
    expect(merged.body).toEqual({
      postId: survivor.postId,
      name: 'Desmond Achterberg',
      mergedFrom: [duplicate.postId],
      certificationStatus: 'revoked',
      certificationKeptFrom: 'duplicate',
      moved: { cases: 2, reports: 0, notices: expect.any(Number), disputes: 0 },
    });

    for (const postId of [survivor.postId, duplicate.postId]) {
      // Hiring check by POST ID: the survivor, revoked, with the separation under investigation and the open case.
      const check = await checkByPostId(postId);
      expect(check.status).toBe(201);
      expect(check.body.matches).toHaveLength(1);
      expect(check.body.matches[0]).toMatchObject({ postId: survivor.postId, hireable: false, certificationStatus: 'revoked', openCases: 1 });
      expect(check.body.matches[0].reasons.map((r: { code: string }) => r.code)).toContain('revoked');
      expect(check.body.matches[0].warnings.map((w: { code: string }) => w.code)).toContain('separated_under_investigation');
      // Public page.
      const page = await t.http().get(`/api/v1/public/officers/${postId}`);
      expect(page.status).toBe(200);
      expect(page.body).toMatchObject({ postId: survivor.postId, certificationStatus: 'revoked', mergedFrom: [duplicate.postId] });
      expect(page.body.publicActions).toEqual([expect.objectContaining({ type: 'revocation' })]);
      expect(page.body.agencies.map((a: { name: string }) => a.name).sort()).toEqual([agencyA.name, agencyB.name].sort());
      // The commission's record.
      const record = await t.http().get(`/api/v1/officers/${postId}`).set(bearer(admin));
      expect(record.body).toMatchObject({ postId: survivor.postId, mergedFrom: [duplicate.postId], certification: { status: 'revoked' } });
      expect(record.body.aliases).toEqual(expect.arrayContaining([{ firstName: 'Desmond', lastName: 'Achterburg', kind: 'prior_name' }]));
      // Training follows the merge.
      const training = await t.http().get(`/api/v1/officers/${postId}/training`).set(bearer(admin));
      expect(training.body.items).toHaveLength(1);
    }
    // The CSV: the revocation, once, under the survivor.
    const rows = (await csvRows()).filter((r) => [survivor.postId, duplicate.postId].includes(r.postId));
    expect(rows).toEqual([expect.objectContaining({ postId: survivor.postId, actionType: 'revocation' })]);
    // A hiring check by the duplicate's name finds the survivor.
    const byName = await t.http().post('/api/v1/hiring-checks').set(bearer(hiringA)).send({ firstName: 'Desmond', lastName: 'Achterburg', dateOfBirth });
    expect(byName.body.matches.map((m: { postId: string }) => m.postId)).toEqual([survivor.postId]);
    // Certification history: the duplicate's revocation and the merge's row, read through the survivor.
    const certification = await t.http().get(`/api/v1/officers/${duplicate.postId}/certification`).set(bearer(admin));
    expect(certification.body.status).toBe('revoked');
    expect(certification.body.history.map((h: { reason: string }) => h.reason)).toEqual(expect.arrayContaining(['merge']));
    // The open case goes on against the survivor.
    expect((await t.db.query(`SELECT officer_id FROM commission_case WHERE id = $1`, [open.id])).rows[0].officer_id).toBe(survivor.id);

    // Settled: the pair leaves the list; the audit and the outbox have the merge.
    expect((await t.http().get('/api/v1/officers/possible-duplicates').set(bearer(admin))).body.items).toEqual([]);
    const audit = await t.db.query(`SELECT action, details FROM audit_log WHERE action IN ('officer.merge', 'certification.merge') ORDER BY seq`);
    expect(audit.rows.map((r) => r.action)).toEqual(['certification.merge', 'officer.merge']);
    expect(JSON.stringify(audit.rows)).not.toContain(dateOfBirth);
    const events = await t.db.query(
      `SELECT type, data FROM outbox_event WHERE type IN ('officer.identity_changed', 'officer.certification_changed') AND officer_id = ANY($1) ORDER BY seq`,
      [[survivor.id, duplicate.id]],
    );
    expect(events.rows).toEqual(
      expect.arrayContaining([
        { type: 'officer.identity_changed', data: { postId: duplicate.postId, mergedInto: survivor.postId } },
        { type: 'officer.certification_changed', data: { postId: survivor.postId, from: 'certified', to: 'revoked', effectiveOn: '2026-03-10' } },
      ]),
    );

    // Refused afterwards: the merged record again (409), into the merged record (422).
    const again = await merge(survivor.postId, { duplicatePostId: duplicate.postId, reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('OFFICER.ALREADY_MERGED');
    const third = await officer('Desmond', 'Achterbergh', dateOfBirth);
    const intoMerged = await merge(duplicate.postId, { duplicatePostId: third.postId, reason: 'into the merged one' });
    expect(intoMerged.status).toBe(422);
    expect(intoMerged.body.reasons).toEqual(['survivor_already_merged']);
  });

  it('should refuse a merge into itself, of unknown records, of different dates of birth without confirmation, and for other roles', async () => {
    const a = await officer('Perpetua', 'Ravensworth', '1969-01-01');
    const b = await officer('Perpetua', 'Ravensworth', '1969-10-01');
    const self = await merge(a.postId, { duplicatePostId: a.postId, reason: 'x' });
    expect(self.status).toBe(422);
    expect(self.body.reasons).toEqual(['merge_into_itself']);
    expect((await merge(a.postId, { duplicatePostId: 'MA-999999', reason: 'x' })).status).toBe(404);
    expect((await merge(a.postId, { duplicatePostId: 'nope', reason: 'x' })).status).toBe(400);
    expect((await merge(a.postId, { duplicatePostId: b.postId })).status).toBe(400);
    expect((await merge(a.postId, { duplicatePostId: b.postId, reason: 'x', extra: 1 })).status).toBe(400);
    expect((await merge(a.postId, { duplicatePostId: b.postId, reason: 'x' }, tokens.adjudicator)).status).toBe(403);

    const dates = await merge(a.postId, { duplicatePostId: b.postId, reason: 'A typo in the month' });
    expect(dates.status).toBe(422);
    expect(dates.body.reasons).toEqual(['different_birth_dates']);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM officer_merge WHERE survivor_officer_id = $1`, [a.id])).rows[0].n).toBe(0);

    const confirmed = await merge(a.postId, { duplicatePostId: b.postId, reason: 'A typo in the month', confirmDifferentBirthDates: true });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ postId: a.postId, mergedFrom: [b.postId], certificationStatus: 'not_certified' });
    // The duplicate's names now carry the survivor's date of birth: a check with it finds the survivor.
    const names = await t.db.query(`SELECT DISTINCT to_char(date_of_birth, 'YYYY-MM-DD') AS dob FROM officer_name WHERE officer_id = $1`, [a.id]);
    expect(names.rows).toEqual([{ dob: '1969-01-01' }]);
  });

  it('should let one of two simultaneous merges of the same pair succeed and answer the other 409', async () => {
    const a = await officer('Leopoldine', 'Marchbanks', '1983-06-06');
    const b = await officer('Leopoldine', 'Marchbank', '1983-06-06');
    const body = { duplicatePostId: b.postId, reason: 'Same person' };
    const statuses = (await Promise.all([merge(a.postId, body), merge(a.postId, body)])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM officer_merge WHERE duplicate_officer_id = $1`, [b.id])).rows[0].n).toBe(1);
  });
});
