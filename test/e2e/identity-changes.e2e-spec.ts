import { FixedClock } from '@app/core';
import { createOfficer, insertEmployment, officerIdOf } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** Name changes, aliases and identity corrections (API.md "Identity changes and merges"). Today is 2026-03-01. */
describe('identity changes (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let investigator: string;
  let agency: { id: string };
  let agencyAdmin: string;
  let agencyHiring: string;
  let otherAgencyAdmin: string;
  let academy: { id: string };
  let registrar: string;
  let otherRegistrar: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-03-01T12:00:00Z')) });
    admin = await t.adminToken();
    investigator = await t.userToken(await t.commissionId(), ['commission_investigator']);
    agency = await t.createOrganization('agency');
    agencyAdmin = await t.userToken(agency.id, ['agency_admin']);
    agencyHiring = await t.userToken(agency.id, ['agency_hiring']);
    otherAgencyAdmin = await t.userToken((await t.createOrganization('agency')).id, ['agency_admin']);
    academy = await t.createOrganization('academy');
    registrar = await t.userToken(academy.id, ['academy_registrar']);
    otherRegistrar = await t.userToken((await t.createOrganization('academy')).id, ['academy_registrar']);
  });
  afterAll(() => t.close());

  const changeName = (token: string, postId: string, body: object) => t.http().post(`/api/v1/officers/${postId}/names`).set(bearer(token)).send(body);
  const addAlias = (token: string, postId: string, body: object) => t.http().post(`/api/v1/officers/${postId}/aliases`).set(bearer(token)).send(body);
  const correct = (token: string, postId: string, body: object) => t.http().patch(`/api/v1/officers/${postId}/identity`).set(bearer(token)).send(body);
  const outbox = async (officerId: string) =>
    (await t.db.query(`SELECT type, data FROM outbox_event WHERE officer_id = $1 AND type = 'officer.identity_changed' ORDER BY seq`, [officerId])).rows;

  it('should make the new name current and keep the old one findable by every search', async () => {
    const dateOfBirth = '1986-05-14';
    const { postId } = await createOfficer(t, { firstName: 'Katherine', lastName: 'Oyelaran', dateOfBirth });
    const officerId = await officerIdOf(t, postId);
    // Public: an officer who served (DOMAIN.md "What is public").
    await insertEmployment(t, officerId, agency.id);

    const future = await changeName(admin, postId, { firstName: 'Katherine', lastName: 'Brandvold', effectiveOn: '2026-03-02', reason: 'marriage' });
    expect(future.status).toBe(422);
    expect(future.body.code).toBe('OFFICER.NAME_CHANGE_IN_FUTURE');
    expect((await changeName(admin, postId, { firstName: 'Katherine', lastName: 'Brandvold', effectiveOn: '2026-03-01', reason: 'whim' })).status).toBe(400);
    expect(
      (await changeName(investigator, postId, { firstName: 'Katherine', lastName: 'Brandvold', effectiveOn: '2026-03-01', reason: 'marriage' })).status,
    ).toBe(403);
    expect(
      (await changeName(admin, 'MA-999999', { firstName: 'Katherine', lastName: 'Brandvold', effectiveOn: '2026-03-01', reason: 'marriage' })).status,
    ).toBe(404);

    const changed = await changeName(admin, postId, {
      firstName: 'Katherine',
      middleName: 'Ann',
      lastName: 'Brandvold',
      effectiveOn: '2026-02-14',
      reason: 'marriage',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      postId,
      firstName: 'Katherine',
      middleName: 'Ann',
      lastName: 'Brandvold',
      aliases: [{ firstName: 'Katherine', lastName: 'Oyelaran', kind: 'prior_name' }],
    });
    expect((await t.http().get(`/api/v1/officers/${postId}`).set(bearer(admin))).body).toMatchObject({ lastName: 'Brandvold' });

    // Hiring check by the old name.
    const check = await t.http().post('/api/v1/hiring-checks').set(bearer(agencyHiring)).send({ firstName: 'Katherine', lastName: 'Oyelaran', dateOfBirth });
    expect(check.status).toBe(201);
    expect(check.body.matches.map((m: { postId: string }) => m.postId)).toEqual([postId]);
    // Duplicate detection by the old name.
    const duplicate = await t.http().post('/api/v1/officers').set(bearer(admin)).send({ firstName: 'Katherine', lastName: 'Oyelaran', dateOfBirth });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.possibleDuplicates.map((d: { postId: string }) => d.postId)).toEqual([postId]);
    // The commission's search and the public search, by either name.
    for (const name of ['Katherine Oyelaran', 'Katherine Brandvold']) {
      const search = await t.http().post('/api/v1/officers/search').set(bearer(admin)).send({ name });
      expect(search.body.items.map((i: { postId: string }) => i.postId)).toContain(postId);
      const pub = await t.http().get(`/api/v1/public/officers?name=${encodeURIComponent(name)}`);
      expect(pub.status).toBe(200);
      expect(JSON.stringify(pub.body)).toContain(postId);
    }

    const { rows } = await t.db.query(`SELECT details FROM audit_log WHERE action = 'officer.change_name' AND entity_id = $1`, [officerId]);
    expect(rows).toEqual([
      {
        details: expect.objectContaining({
          before: expect.objectContaining({ lastName: 'Oyelaran' }),
          after: expect.objectContaining({ lastName: 'Brandvold', middleName: 'Ann' }),
          effectiveOn: '2026-02-14',
          reason: 'marriage',
        }),
      },
    ]);
    expect(await outbox(officerId)).toEqual([{ type: 'officer.identity_changed', data: { postId } }]);
  });

  it('should let the commission, the employing agency and the enrolling academy add aliases, and nobody else', async () => {
    const { postId } = await createOfficer(t, { firstName: 'William', lastName: 'Tregarthen' }, registrar);
    const officerId = await officerIdOf(t, postId);
    await insertEmployment(t, officerId, agency.id);
    const nickname = { firstName: 'Billy', lastName: 'Tregarthen', kind: 'nickname' };

    expect((await addAlias(otherAgencyAdmin, postId, nickname)).status).toBe(404);
    expect((await addAlias(otherRegistrar, postId, nickname)).status).toBe(404);
    expect((await addAlias(agencyHiring, postId, nickname)).status).toBe(403);
    expect((await addAlias(agencyAdmin, postId, { ...nickname, kind: 'maiden' })).status).toBe(400);

    const added = await addAlias(agencyAdmin, postId, nickname);
    expect(added.status).toBe(201);
    expect(added.body.aliases).toEqual([{ firstName: 'Billy', lastName: 'Tregarthen', kind: 'nickname' }]);
    expect((await addAlias(admin, postId, { ...nickname, firstName: 'billy' })).status).toBe(409);
    expect((await addAlias(registrar, postId, { firstName: 'William', lastName: 'Penhallow', kind: 'prior_name' })).status).toBe(201);
    const { body } = await addAlias(admin, postId, { firstName: 'Will', lastName: 'Tregarthen', kind: 'nickname' });
    expect(body.aliases).toHaveLength(3);
    // The record's read names each alias's kind too (the commission's timeline shows it).
    const record = await t.http().get(`/api/v1/officers/${postId}`).set(bearer(admin));
    expect(record.body.aliases).toEqual(
      expect.arrayContaining([
        { firstName: 'Billy', lastName: 'Tregarthen', kind: 'nickname' },
        { firstName: 'William', lastName: 'Penhallow', kind: 'prior_name' },
        { firstName: 'Will', lastName: 'Tregarthen', kind: 'nickname' },
      ]),
    );

    const check = await t
      .http()
      .post('/api/v1/hiring-checks')
      .set(bearer(agencyHiring))
      .send({ firstName: 'William', lastName: 'Penhallow', dateOfBirth: body.dateOfBirth });
    expect(check.body.matches.map((m: { postId: string }) => m.postId)).toEqual([postId]);
    expect(await outbox(officerId)).toHaveLength(3);
    await t.foldAudit();
    const refusals = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.refused' AND details->>'attempt' = 'officer.add_alias'`);
    expect(refusals.rows[0].n).toBeGreaterThanOrEqual(2);
  });

  it('should correct the date of birth and SSN digits, keeping before and after out of the audit details, and refuse a correction that changes nothing', async () => {
    const { postId } = await createOfficer(t, { firstName: 'Ignatius', lastName: 'Volkonsky', dateOfBirth: '1979-03-04', ssnLast4: '1234' });
    const officerId = await officerIdOf(t, postId);

    expect((await correct(admin, postId, { reason: 'nothing' })).status).toBe(422);
    expect((await correct(admin, postId, { dateOfBirth: '1979-03-04', reason: 'same' })).status).toBe(422);
    expect((await correct(admin, postId, { dateOfBirth: '2030-01-01', reason: 'typo' })).status).toBe(400);
    expect((await correct(admin, postId, { dateOfBirth: '1979-04-03' })).status).toBe(400);
    expect((await correct(investigator, postId, { dateOfBirth: '1979-04-03', reason: 'typo' })).status).toBe(403);

    const corrected = await correct(admin, postId, { dateOfBirth: '1979-04-03', ssnLast4: '4321', reason: 'Day and month swapped at enrolment.' });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ postId, dateOfBirth: '1979-04-03', ssnLast4: '4321' });

    const audit = await t.db.query(`SELECT details FROM audit_log WHERE action = 'officer.correct_identity' AND entity_id = $1`, [officerId]);
    expect(audit.rows).toEqual([
      { details: { postId, correctionId: expect.any(String), changedFields: ['dateOfBirth', 'ssnLast4'], reason: 'Day and month swapped at enrolment.' } },
    ]);
    expect(JSON.stringify(audit.rows)).not.toMatch(/1979|1234|4321/);
    const kept = await t.db.query(`SELECT before, after FROM officer_identity_correction WHERE id = $1`, [audit.rows[0].details.correctionId]);
    expect(kept.rows).toEqual([{ before: { dateOfBirth: '1979-03-04', ssnLast4: '1234' }, after: { dateOfBirth: '1979-04-03', ssnLast4: '4321' } }]);

    // Matching reads the corrected date of birth.
    const names = await t.db.query(`SELECT DISTINCT to_char(date_of_birth, 'YYYY-MM-DD') AS dob FROM officer_name WHERE officer_id = $1`, [officerId]);
    expect(names.rows).toEqual([{ dob: '1979-04-03' }]);
    const check = await t
      .http()
      .post('/api/v1/hiring-checks')
      .set(bearer(agencyHiring))
      .send({ firstName: 'Ignatius', lastName: 'Volkonsky', dateOfBirth: '1979-04-03' });
    expect(check.body.matches.map((m: { postId: string }) => m.postId)).toEqual([postId]);
    expect(await outbox(officerId)).toHaveLength(1);
  });

  it('should list, as detected, a pair that a name change makes alike', async () => {
    const dateOfBirth = '1970-10-10';
    const a = await createOfficer(t, { firstName: 'Rosalind', lastName: 'Featherstonehaugh', dateOfBirth });
    const b = await createOfficer(t, { firstName: 'Rosalind', lastName: 'Quaintance', dateOfBirth });
    expect(
      (await changeName(admin, b.postId, { firstName: 'Rosalind', lastName: 'Featherstonehaugh', effectiveOn: '2026-01-01', reason: 'marriage' })).status,
    ).toBe(200);
    const listed = await t.http().get('/api/v1/officers/possible-duplicates').set(bearer(admin));
    expect(listed.body.items).toEqual([
      expect.objectContaining({ source: 'detected', officers: [expect.objectContaining({ postId: b.postId }), expect.objectContaining({ postId: a.postId })] }),
    ]);
  });
});
