import { FixedClock } from '@app/core';
import { caseTokens, CaseTokens } from '../support/case-helpers';
import { certifyBySql, createOfficer, insertEmployment, officerIdOf } from '../support/factories';
import { officerAccount } from '../support/officer-accounts';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const NOW = new Date('2026-03-10T15:00:00.000Z');

/**
 * API.md "Identity changes and merges": after a merge, what was recorded about the duplicate
 * is the survivor's. Hiring checks made on the duplicate's POST ID before the merge belong to
 * the survivor's record (the officer's own record, the commission's oversight list, the hire guard).
 */
describe('a merge carries the duplicate hiring checks and disputes (e2e)', () => {
  let t: TestApp;
  const clock = new FixedClock(NOW);
  let tokens: CaseTokens;
  let admin: string;
  let agencyA: { id: string; name: string; code: string };
  let agencyB: { id: string; name: string; code: string };
  let hiringA: string;
  let hiringB: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    tokens = await caseTokens(t);
    admin = await t.adminToken();
    agencyA = await t.createOrganization('agency');
    agencyB = await t.createOrganization('agency');
    hiringA = await t.userToken(agencyA.id, ['agency_hiring']);
    hiringB = await t.userToken(agencyB.id, ['agency_hiring']);
  });
  afterAll(() => t.close());

  const officer = async (firstName: string, lastName: string, dateOfBirth: string) => {
    const { postId } = await createOfficer(t, { firstName, lastName, dateOfBirth });
    const id = await officerIdOf(t, postId);
    await certifyBySql(t, id);
    return { postId, id };
  };
  const check = async (token: string, postId: string) => {
    const response = await t.http().post('/api/v1/hiring-checks').set(bearer(token)).send({ postId });
    expect(response.status).toBe(201);
    return response.body as { id: string; matches: { postId: string; mergedFrom?: string[]; hireable: boolean; reasons: { code: string }[] }[] };
  };
  const merge = async (survivor: string, duplicate: string) => {
    const response = await t
      .http()
      .post(`/api/v1/officers/${survivor}/merge`)
      .set(bearer(admin))
      .send({ duplicatePostId: duplicate, reason: 'One person, two records' });
    expect(response.status).toBe(200);
    return response.body as { moved: Record<string, number> };
  };
  const hire = (token: string, postId: string, hiringCheckId: string) =>
    t.http().post(`/api/v1/officers/${postId}/employments`).set(bearer(token)).send({ startDate: '2026-03-16', position: 'Patrol Officer', hiringCheckId });
  const checkIds = async (query: string) => {
    const response = await t.http().get(`/api/v1/hiring-checks?${query}`).set(bearer(admin));
    expect(response.status).toBe(200);
    return (response.body.items as { id: string }[]).map((c) => c.id).sort();
  };

  it("should list the duplicate's checks for the survivor, answer a check by the duplicate's POST ID with the survivor and mergedFrom, and clear a hire with a check made on the duplicate", async () => {
    const survivor = await officer('Octavian', 'Vandermolen', '1981-04-17');
    const duplicate = await officer('Octavian', 'Vandermoolen', '1981-04-17');
    const me = await officerAccount(t, survivor.postId);
    const onDuplicate = await check(hiringA, duplicate.postId);
    const onSurvivor = await check(hiringB, survivor.postId);
    expect(onDuplicate.matches.map((m) => m.postId)).toEqual([duplicate.postId]);

    await merge(survivor.postId, duplicate.postId);

    // The officer's own record: both agencies' checks, the one made on the duplicate's POST ID included.
    const record = await t.http().get('/api/v1/me/record').set(bearer(me.token));
    expect(record.status).toBe(200);
    expect(record.body.hiringChecks).toEqual(
      expect.arrayContaining([
        { checkedAt: NOW.toISOString(), agency: { name: agencyA.name, code: agencyA.code } },
        { checkedAt: NOW.toISOString(), agency: { name: agencyB.name, code: agencyB.code } },
      ]),
    );
    expect(record.body.hiringChecks).toHaveLength(2);
    // The commission's oversight: either POST ID lists the survivor's whole lineage of checks.
    const both = [onDuplicate.id, onSurvivor.id].sort();
    expect(await checkIds(`postId=${survivor.postId}`)).toEqual(both);
    expect(await checkIds(`postId=${duplicate.postId}`)).toEqual(both);

    // A check by the duplicate's POST ID answers with the survivor, naming what was merged into it.
    const after = await check(hiringA, duplicate.postId);
    expect(after.matches).toHaveLength(1);
    expect(after.matches[0]).toMatchObject({ postId: survivor.postId, mergedFrom: [duplicate.postId], hireable: true });
    const bySurvivor = await check(hiringB, survivor.postId);
    expect(bySurvivor.matches[0].mergedFrom).toEqual([duplicate.postId]);

    // The check agency A made on the duplicate before the merge clears the hire of the one officer.
    const hired = await hire(hiringA, duplicate.postId, onDuplicate.id);
    expect(hired.status).toBe(201);
    expect(hired.body).toMatchObject({ postId: survivor.postId, agencyId: agencyA.id, hiringCheckId: onDuplicate.id });
    const rows = await t.db.query(`SELECT officer_id FROM employment WHERE id = $1`, [hired.body.id]);
    expect(rows.rows).toEqual([{ officer_id: survivor.id }]);
  });

  it("should judge a hire on the duplicate's check against the survivor: the survivor's suspension refuses it", async () => {
    const survivor = await officer('Wilhelmina', 'Okonkwo-Reyes', '1979-11-02');
    const duplicate = await officer('Wilhelmina', 'Okonkwo Reyes', '1979-11-02');
    const suspended = await t
      .http()
      .post(`/api/v1/officers/${survivor.postId}/certification/transitions`)
      .set(bearer(tokens.adjudicator))
      .send({ action: 'admin_suspend', reason: 'in_service_training' });
    expect(suspended.status).toBe(200);
    // Agency B checks the clean duplicate: hireable then.
    const onDuplicate = await check(hiringB, duplicate.postId);
    expect(onDuplicate.matches[0]).toMatchObject({ postId: duplicate.postId, hireable: true });

    await merge(survivor.postId, duplicate.postId);

    for (const postId of [duplicate.postId, survivor.postId]) {
      const refused = await hire(hiringB, postId, onDuplicate.id);
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ code: 'EMPLOYMENT.NOT_HIREABLE', reasons: [expect.objectContaining({ code: 'admin_suspended' })] });
    }
    expect((await t.db.query(`SELECT count(*)::int AS n FROM employment WHERE officer_id = ANY($1)`, [[survivor.id, duplicate.id]])).rows[0].n).toBe(0);
    // Another agency's check of the duplicate is still no check of this agency's.
    const foreign = await check(hiringA, duplicate.postId);
    expect((await hire(hiringB, survivor.postId, foreign.id)).status).toBe(404);
  });

  it("should move the duplicate's disputes, open and resolved, to the survivor: still open, still marking the moved record disputed", async () => {
    const survivor = await officer('Bartholomew', 'Quintanilla', '1986-08-23');
    const duplicate = await officer('Bartholomew', 'Quintanila', '1986-08-23');
    const employment = await insertEmployment(t, duplicate.id, agencyA.id, '2025-02-01');
    const survivorAccount = await officerAccount(t, survivor.postId);
    const duplicateAccount = await officerAccount(t, duplicate.postId);
    const open = async (token: string, subject: object) => {
      const response = await t.http().post('/api/v1/me/disputes').set(bearer(token)).send({ subject, statement: 'This is wrong.' });
      expect(response.status).toBe(201);
      return response.body.id as string;
    };
    // Both records dispute their identity; the duplicate also an employment and (resolved) its certification.
    const survivorIdentity = await open(survivorAccount.token, { type: 'identity' });
    const duplicateIdentity = await open(duplicateAccount.token, { type: 'identity' });
    const duplicateEmployment = await open(duplicateAccount.token, { type: 'employment', id: employment });
    const duplicateCertification = await open(duplicateAccount.token, { type: 'certification' });
    const rejected = await t
      .http()
      .post(`/api/v1/disputes/${duplicateCertification}/resolve`)
      .set(bearer(tokens.adjudicator))
      .send({ outcome: 'rejected', reason: 'The record is right.' });
    expect(rejected.status).toBe(200);

    const merged = await merge(survivor.postId, duplicate.postId);
    // The answer counts them: the duplicate's three (open and resolved), not the survivor's own.
    expect(merged.moved).toMatchObject({ disputes: 3 });

    const owners = await t.db.query(`SELECT id, officer_id, merged_from_officer_id FROM dispute WHERE id = ANY($1) ORDER BY id`, [
      [survivorIdentity, duplicateIdentity, duplicateEmployment, duplicateCertification],
    ]);
    expect(owners.rows).toEqual(
      expect.arrayContaining([
        { id: survivorIdentity, officer_id: survivor.id, merged_from_officer_id: null },
        { id: duplicateIdentity, officer_id: survivor.id, merged_from_officer_id: duplicate.id },
        { id: duplicateEmployment, officer_id: survivor.id, merged_from_officer_id: duplicate.id },
        { id: duplicateCertification, officer_id: survivor.id, merged_from_officer_id: duplicate.id },
      ]),
    );
    // The survivor's own view and the commission's list name the survivor.
    const mine = await t.http().get('/api/v1/me/disputes').set(bearer(survivorAccount.token));
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((d: { id: string }) => d.id).sort()).toEqual(
      [survivorIdentity, duplicateIdentity, duplicateEmployment, duplicateCertification].sort(),
    );
    const listed = await t.http().get('/api/v1/disputes?status=open').set(bearer(admin));
    const moved = listed.body.items.filter((d: { id: string }) => [duplicateIdentity, duplicateEmployment].includes(d.id));
    expect(moved).toHaveLength(2);
    for (const d of moved) expect(d).toMatchObject({ postId: survivor.postId, status: 'open' });

    // The duplicate's own account now reads the one officer's record: the survivor's, with every dispute.
    const asDuplicate = await t.http().get('/api/v1/me/record').set(bearer(duplicateAccount.token));
    expect(asDuplicate.status).toBe(200);
    expect(asDuplicate.body.identity).toMatchObject({ postId: survivor.postId });
    expect(asDuplicate.body.employment).toEqual([expect.objectContaining({ employmentId: employment })]);
    expect(asDuplicate.body.disputes).toHaveLength(4);
    const duplicateDisputes = await t.http().get('/api/v1/me/disputes').set(bearer(duplicateAccount.token));
    expect(duplicateDisputes.body.items).toHaveLength(4);

    // Either POST ID: the moved employment is marked disputed, as is the identity.
    for (const postId of [survivor.postId, duplicate.postId]) {
      const record = await t.http().get(`/api/v1/officers/${postId}`).set(bearer(admin));
      expect(record.body.disputed).toBe(true);
      expect(record.body.employmentHistory).toEqual(expect.arrayContaining([expect.objectContaining({ employmentId: employment, disputed: true })]));
    }
    const answer = await check(hiringB, duplicate.postId);
    expect(answer.matches[0]).toMatchObject({ postId: survivor.postId });
    expect((answer.matches[0] as unknown as { warnings: { code: string; subjects?: string[] }[] }).warnings).toEqual(
      expect.arrayContaining([{ code: 'disputed', subjects: ['employment', 'identity'] }]),
    );

    // Resolving a moved dispute notifies the survivor, and leaves it resolved for good.
    const resolved = await t
      .http()
      .post(`/api/v1/disputes/${duplicateEmployment}/resolve`)
      .set(bearer(tokens.adjudicator))
      .send({ outcome: 'corrected', reason: 'Dates fixed by the agency.' });
    expect(resolved.status).toBe(200);
    const notices = await t.db.query(`SELECT officer_id FROM notice WHERE kind = 'dispute_resolved' AND subject_id = $1`, [duplicateEmployment]);
    expect(notices.rows).toEqual([{ officer_id: survivor.id }]);
    const record = await t.http().get(`/api/v1/officers/${survivor.postId}`).set(bearer(admin));
    expect(record.body.employmentHistory).toEqual(expect.arrayContaining([expect.objectContaining({ employmentId: employment, disputed: false })]));
    // A dispute moves only with a merge: never to another officer by hand.
    const other = await officer('Someone', 'Else', '1990-01-01');
    await expect(
      t.db.query(`UPDATE dispute SET officer_id = $2, merged_from_officer_id = $3 WHERE id = $1`, [survivorIdentity, other.id, survivor.id]),
    ).rejects.toThrow(/moves only to the survivor/);
  });
});
