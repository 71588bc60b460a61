import { FixedClock } from '@app/core';
import { createCourse } from '../support/factories';
import { csv, rejectionsOf, runImport } from '../support/import-helpers';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * Imported records act like native ones (issue 18 item 3), through hiring checks and the
 * public API; re-runs are idempotent and a changed row is refused; a dry run writes nothing.
 */
describe('imports: employments, certifications, training, final actions (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let hiring: string;
  let agencyCode: string;
  let academyCode: string;
  let courseCode: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2025-07-01T15:00:00Z')) });
    admin = await t.adminToken();
    const agency = await t.createOrganization('agency');
    agencyCode = agency.code;
    hiring = await t.userToken(agency.id, ['agency_hiring']);
    academyCode = (await t.createOrganization('academy')).code;
    courseCode = (await createCourse(t, { kind: 'in_service', hours: 8 })).code;
    const officers = await runImport(
      t,
      admin,
      'officers',
      csv('sourceId,firstName,lastName,dateOfBirth', [
        'S-REV,Rex,Revoked,1970-01-01',
        'S-OUT,Otto,Outofstate,1971-01-01',
        'S-SEP,Sam,Separated,1972-01-01',
        'S-OK,Olga,Okay,1973-01-01',
      ]),
    );
    expect(officers).toMatchObject({ status: 'succeeded', accepted: 4 });
  });
  afterAll(() => t.close());

  const postIdOf = async (sourceId: string) =>
    (await t.db.query(`SELECT o.post_id FROM import_officer i JOIN officer o ON o.id = i.officer_id WHERE i.source_id = $1 LIMIT 1`, [sourceId])).rows[0]
      .post_id as string;
  const check = async (postId: string) => {
    const response = await t.http().post('/api/v1/hiring-checks').set(bearer(hiring)).send({ postId });
    expect(response.status).toBe(201);
    return response.body.matches[0];
  };

  it('should make imported certifications, employments and final actions act like native ones', async () => {
    const certs = await runImport(
      t,
      admin,
      'certifications',
      csv('officerSourceId,status,issuedOn,expiresOn', [
        'S-REV,certified,2024-01-01,2027-01-01',
        'S-OUT,certified,2024-01-01,2027-01-01',
        'S-SEP,certified,2024-01-01,2027-01-01',
        'S-OK,certified,2024-01-01,2027-01-01',
        'S-NONE,certified,2024-01-01,2027-01-01',
      ]),
    );
    expect(certs).toMatchObject({ accepted: 4, rejected: 1 });
    expect((await rejectionsOf(t, admin, certs.id))[0].errors.map((e) => e.reason)).toEqual(['unknown_officer']);

    const employments = await runImport(
      t,
      admin,
      'employments',
      csv('officerSourceId,agencyCode,startDate,endDate,separationNature,separationReason,underInvestigation', [
        `S-SEP,${agencyCode},2015-01-01,2020-01-01,resigned,"left before the finding,\nsaid the chief",true`,
        `S-OK,${agencyCode},2016-01-01,,,,`,
        `S-OK,${agencyCode},2016-01-02,,,,`,
        `S-OK,NO-SUCH-AGENCY,2014-01-01,2015-01-01,retired,,false`,
        `S-OK,${agencyCode},2013-01-01,2012-01-01,retired,,false`,
      ]),
    );
    expect(employments).toMatchObject({ total: 5, accepted: 2, rejected: 3 });
    expect((await rejectionsOf(t, admin, employments.id)).map((r) => [r.row, r.errors.map((e) => e.reason)])).toEqual([
      [3, ['already_employed']],
      [4, ['unknown_agency']],
      [5, ['ends_before_start']],
    ]);

    const actions = await runImport(
      t,
      admin,
      'final_actions',
      csv('sourceId,officerSourceId,type,effectiveOn,decidedOn,jurisdiction,groundCategory,caseReference', [
        'FA-1,S-REV,revocation,2025-01-10,2025-01-02,MA,criminal_conduct,OLD-17',
        'FA-2,S-OUT,revocation,2024-05-01,2024-04-01,NH,other,NH-99',
      ]),
    );
    expect(actions).toMatchObject({ accepted: 2, rejected: 0 });

    // In-state revocation: not hireable, public, history says import.
    const revoked = await check(await postIdOf('S-REV'));
    expect(revoked).toMatchObject({ hireable: false, certificationStatus: 'revoked' });
    const publicRevoked = await t.http().get(`/api/v1/public/officers/${await postIdOf('S-REV')}`);
    expect(publicRevoked.body.publicActions).toEqual([
      expect.objectContaining({ type: 'revocation', effectiveOn: '2025-01-10', groundCategory: 'criminal_conduct' }),
    ]);
    const history = await t
      .http()
      .get(`/api/v1/officers/${await postIdOf('S-REV')}/certification`)
      .set(bearer(admin));
    expect(history.body.history.map((h: { to: string; basis: string; importId?: string }) => [h.to, h.basis, h.importId])).toEqual([
      ['certified', 'import', certs.id],
      ['revoked', 'import', actions.id],
    ]);

    // Out-of-state revocation: hiring refused with the reason, nothing public.
    const outOfState = await check(await postIdOf('S-OUT'));
    expect(outOfState).toMatchObject({ hireable: false, certificationStatus: 'certified' });
    expect(outOfState.reasons).toEqual([{ code: 'revoked_in_other_jurisdiction', jurisdiction: 'NH', since: '2024-05-01' }]);
    expect((await t.http().get(`/api/v1/public/officers/${await postIdOf('S-OUT')}`)).body.publicActions).toEqual([]);

    // Separation under investigation: a warning on every later check; the agency is on the public page.
    const separated = await check(await postIdOf('S-SEP'));
    expect(separated.warnings).toContainEqual(expect.objectContaining({ code: 'separated_under_investigation', date: '2020-01-01' }));
    const publicSeparated = await t.http().get(`/api/v1/public/officers/${await postIdOf('S-SEP')}`);
    expect(publicSeparated.body.agencies).toEqual([expect.objectContaining({ startDate: '2015-01-01', endDate: '2020-01-01' })]);
    expect((await check(await postIdOf('S-OK'))).hireable).toBe(true);

    // The audit names the rows each chunk wrote.
    const audit = await t.db.query(`SELECT details FROM audit_log WHERE action = 'import.chunk' AND entity_id = $1`, [actions.id]);
    expect(audit.rows[0].details).toMatchObject({
      kind: 'final_actions',
      basis: 'import',
      created: [
        [1, expect.any(String)],
        [2, expect.any(String)],
      ],
    });
  });

  it('should count imported training, leave a re-run unchanged and refuse a changed row', async () => {
    const postId = await postIdOf('S-OK');
    const rows = [`${postId},${courseCode},${academyCode},2025-02-01,8,pass,TR-1`, `${postId},${courseCode},${academyCode},2025-03-01,9,pass,TR-2`];
    const header = 'postId,courseCode,academyCode,completedOn,hours,result,externalRef';
    const first = await runImport(t, admin, 'training', csv(header, rows));
    expect(first).toMatchObject({ accepted: 1, rejected: 1 });
    expect((await rejectionsOf(t, admin, first.id))[0].errors.map((e) => e.reason)).toEqual(['hours_exceed_course']);
    const training = await t.http().get(`/api/v1/officers/${postId}/training`).set(bearer(admin));
    expect(training.body.items).toHaveLength(1);

    const again = await runImport(t, admin, 'training', csv(header, rows));
    expect(again).toMatchObject({ accepted: 0, unchanged: 1, rejected: 1 });
    const changed = await runImport(t, admin, 'training', csv(header, [`${postId},${courseCode},${academyCode},2025-02-02,8,pass,TR-1`]));
    expect(changed).toMatchObject({ accepted: 0, rejected: 1 });
    expect((await rejectionsOf(t, admin, changed.id))[0].errors.map((e) => e.reason)).toEqual(['changed_since_import']);

    const officersAgain = await runImport(
      t,
      admin,
      'officers',
      csv('sourceId,firstName,lastName,dateOfBirth', ['S-OK,Olga,Okay,1973-01-01', 'S-SEP,Samuel,Separated,1972-01-01']),
    );
    expect(officersAgain).toMatchObject({ unchanged: 1, rejected: 1 });
    expect((await rejectionsOf(t, admin, officersAgain.id))[0]).toMatchObject({
      row: 2,
      sourceId: 'S-SEP',
      errors: [expect.objectContaining({ reason: 'changed_since_import' })],
    });
  });

  it('should write nothing but its report in a dry run, and flag likely duplicates', async () => {
    const count = async () =>
      (await t.db.query(`SELECT (SELECT count(*) FROM officer)::int AS o, (SELECT count(*) FROM audit_log WHERE action = 'import.chunk')::int AS a`)).rows[0];
    const before = await count();
    const dry = await runImport(
      t,
      admin,
      'officers',
      csv('sourceId,firstName,lastName,dateOfBirth', ['D-1,Olga,Okay,1973-01-01', 'D-2,Zed,Zero,1990-01-01', 'D-3,Zedd,Zero,1990-01-01']),
      { dryRun: true },
    );
    expect(dry).toMatchObject({ dryRun: true, status: 'succeeded', accepted: 3, flagged: 2 });
    expect(await count()).toEqual(before);
    const flags = await t.http().get(`/api/v1/imports/${dry.id}/flags`).set(bearer(admin));
    expect(flags.body.items.map((f: { row: number }) => f.row)).toEqual([1, 3]);

    const real = await runImport(t, admin, 'officers', csv('sourceId,firstName,lastName,dateOfBirth', ['W-1,Olga,Okay,1973-01-01']));
    expect(real).toMatchObject({ accepted: 1, flagged: 1 });
    expect((await count()).o).toBe(before.o + 1);
  });

  it('should refuse NDJSON lines that are not objects row by row, and a body of another type at once', async () => {
    const done = await runImport(t, admin, 'officers', [{ sourceId: 'N-1', firstName: 'Nia', lastName: 'Json', dateOfBirth: '1985-05-05' }, 'x']);
    expect(done).toMatchObject({ accepted: 1, rejected: 1 });
    const json = await t.http().post('/api/v1/imports?kind=officers').set(bearer(admin)).send({ rows: [] });
    expect(json.status).toBe(400);
    expect(json.body.code).toBe('IMPORT.MEDIA_TYPE');
  });
});
