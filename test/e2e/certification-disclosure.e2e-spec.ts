import { FixedClock } from '@app/core';
import { actAll, caseTokens, CaseTokens, certifiedOfficer, openCase } from '../support/case-helpers';
import { createOfficer, insertEmployment, officerIdOf } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 21 item 5: one rule names a case to an agency (the certification history and the hiring
 * answer alike), every read of the certification's detail is audited, and a former employer reads
 * the officer's date of birth and SSN digits for 12 months after the separation only.
 */
describe('restricted certification detail and identity (e2e)', () => {
  const NOW = new Date('2026-03-01T12:00:00Z');
  const clock = new FixedClock(NOW);
  const at = (day: string) => new Date(`${day}T12:00:00Z`);
  let t: TestApp;
  let tokens: CaseTokens;
  let agencyA: string;
  let adminA: string;
  let hiringB: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    tokens = await caseTokens(t);
    agencyA = (await t.createOrganization('agency')).id;
    adminA = await t.userToken(agencyA, ['agency_admin']);
    hiringB = await t.userToken((await t.createOrganization('agency')).id, ['agency_hiring']);
  });
  beforeEach(() => clock.set(NOW));
  afterAll(() => t.close());

  const readCertification = (postId: string, token: string) => t.http().get(`/api/v1/officers/${postId}/certification`).set(bearer(token));
  const check = async (postId: string) => {
    const response = await t.http().post('/api/v1/hiring-checks').set(bearer(hiringB)).send({ postId });
    expect(response.status).toBe(201);
    return response.body.matches[0] as { reasons: Record<string, unknown>[] };
  };

  it("should not name an open interim suspension's case to an agency, in the history as in the hiring answer, and name it once decided", async () => {
    const { postId, officerId } = await certifiedOfficer(t, agencyA);
    const opened = await openCase(t, tokens.investigator, { postId, grounds: ['felony_conviction'], summary: 'Arrested' });
    await actAll(t, opened.id, [[tokens.adjudicator, { action: 'interim_suspend', trigger: 'felony_arrest', reason: 'Arrested' }]]);

    const byAgency = await readCertification(postId, adminA);
    expect(byAgency.status).toBe(200);
    expect(byAgency.body.history.at(-1)).toEqual(expect.objectContaining({ to: 'suspended', caseId: null }));
    expect(byAgency.body.history.at(-1)).not.toHaveProperty('caseNumber');
    expect(JSON.stringify(byAgency.body)).not.toContain(opened.caseNumber);
    expect(JSON.stringify(byAgency.body)).not.toContain(opened.id);
    const byCommission = await readCertification(postId, tokens.adjudicator);
    expect(byCommission.body.history.at(-1)).toMatchObject({ to: 'suspended', caseId: opened.id, caseNumber: opened.caseNumber });
    expect((await check(postId)).reasons).toEqual([{ code: 'suspended', since: '2026-03-01', endsOn: null }]);

    await actAll(t, opened.id, [
      [tokens.investigator, { action: 'issue_notice', proposedSanction: 'revoke', responseDueOn: '2026-03-24' }],
      [tokens.investigator, { action: 'record_response', summary: 'Waives the hearing', hearingRequested: false, waivesHearing: true }],
      [tokens.adjudicator, { action: 'decide', sanction: 'revoke', findings: [{ ground: 'felony_conviction', sustained: true }], reasoning: 'Conviction' }],
    ]);
    const decided = await readCertification(postId, adminA);
    expect(decided.body.history.at(-1)).toMatchObject({ to: 'revoked', caseId: opened.id, caseNumber: opened.caseNumber });
    expect((await check(postId)).reasons).toEqual([{ code: 'revoked', since: '2026-03-01', caseNumber: opened.caseNumber }]);

    // Every read of the detail is in the audit log, the agency's included, naming the cases the history holds.
    await t.foldAudit();
    const reads = await t.db.query(
      `SELECT actor_id, organization_id, details FROM audit_log WHERE action = 'certification.read' AND entity_id = $1 ORDER BY seq`,
      [officerId],
    );
    expect(reads.rows).toHaveLength(3);
    expect(reads.rows[0]).toMatchObject({ organization_id: agencyA, details: { postId, caseIds: [opened.id], conditions: 0 } });
  });

  describe('a former employer and the identity (12 months after the separation)', () => {
    const readRecord = (postId: string, token: string) => t.http().get(`/api/v1/officers/${postId}`).set(bearer(token));

    async function separatedOfficer(endDate: string): Promise<{ postId: string; officerId: string }> {
      const { postId } = await createOfficer(t, { dateOfBirth: '1988-07-14', ssnLast4: '4321' });
      const officerId = await officerIdOf(t, postId);
      const employmentId = await insertEmployment(t, officerId, agencyA, '2020-01-06');
      await t.db.query(`UPDATE employment SET end_date = $2, separation_nature = 'resigned', under_investigation = false WHERE id = $1`, [
        employmentId,
        endDate,
      ]);
      return { postId, officerId };
    }

    it('should show the date of birth and SSN digits through the first anniversary of the separation, and never after', async () => {
      const { postId, officerId } = await separatedOfficer('2025-03-31');
      clock.set(at('2026-03-31'));
      const onAnniversary = await readRecord(postId, adminA);
      expect(onAnniversary.status).toBe(200);
      expect(onAnniversary.body).toMatchObject({ postId, dateOfBirth: '1988-07-14', ssnLast4: '4321' });

      clock.set(at('2026-04-01'));
      const after = await readRecord(postId, adminA);
      expect(after.status).toBe(200);
      expect(after.body).toMatchObject({ postId, dateOfBirth: null, ssnLast4: null, email: null });
      // The record itself stays readable: the employment and its separation are what the former employer still reports on.
      expect(after.body.employmentHistory).toEqual([expect.objectContaining({ endDate: '2025-03-31', agency: expect.objectContaining({ id: agencyA }) })]);
      expect(JSON.stringify(after.body)).not.toContain('1988-07-14');
      // The commission still reads them; the audit entry says what each reader was shown.
      expect((await readRecord(postId, tokens.commissionAdmin)).body).toMatchObject({ dateOfBirth: '1988-07-14', ssnLast4: '4321' });
      const audit = await t.db.query(`SELECT organization_id, details FROM audit_log WHERE action = 'officer.read' AND entity_id = $1 ORDER BY seq`, [
        officerId,
      ]);
      expect(audit.rows.map((row) => [row.organization_id === agencyA, row.details.restrictedFields])).toEqual([
        [true, ['dateOfBirth', 'ssnLast4', 'email']],
        [true, []],
        [false, ['dateOfBirth', 'ssnLast4', 'email']],
      ]);
    });

    it('should show them again to an agency that hires the officer back', async () => {
      const { postId, officerId } = await separatedOfficer('2020-06-30');
      expect((await readRecord(postId, adminA)).body.dateOfBirth).toBeNull();
      await insertEmployment(t, officerId, agencyA, '2026-02-01');
      expect((await readRecord(postId, adminA)).body).toMatchObject({ dateOfBirth: '1988-07-14', ssnLast4: '4321' });
    });
  });
});
