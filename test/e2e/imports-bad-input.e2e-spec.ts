import { FixedClock } from '@app/core';
import { MAX_IMPORT_BYTES } from '@app/imports';
import { createCourse } from '../support/factories';
import { csv, postImport, rejectionsOf, runImport, streamImport } from '../support/import-helpers';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 18 "Bad input": precise per-row errors, or one clear refusal that keeps nothing of the
 * file; never a 5xx. (Covered elsewhere: a wrong column name, impossible dates of birth and a
 * repeated officer sourceId in imports-officers; an unknown agency, an employment ending before it
 * starts and an unknown officer sourceId in imports-effects; a JSON body and NDJSON lines that are
 * not objects in imports-effects; a file of 2,000,001 rows in test/limits, `npm run test:limits`.)
 */
describe('imports: bad input (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let baseUrl: string;
  let agencyCode: string;
  let academyCode: string;
  let courseCode: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2025-07-01T15:00:00Z')) });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = await t.app.getUrl();
    admin = await t.adminToken();
    agencyCode = (await t.createOrganization('agency')).code;
    academyCode = (await t.createOrganization('academy')).code;
    courseCode = (await createCourse(t, { kind: 'in_service', hours: 8 })).code;
    const officers = await runImport(t, admin, 'officers', csv('sourceId,firstName,lastName,dateOfBirth', ['B-1,Bea,Bad,1980-01-01']));
    expect(officers).toMatchObject({ status: 'succeeded', accepted: 1 });
  });
  afterAll(() => t.close());

  /** Rows of the staging and import tables: a refused file leaves none. */
  const stored = async () =>
    (await t.db.query(`SELECT (SELECT count(*) FROM data_import)::int AS imports, (SELECT count(*) FROM import_row)::int AS staged`)).rows[0];

  it('should refuse missing and unknown columns at once, naming each, and keep nothing', async () => {
    const before = await stored();
    const response = await postImport(t, admin, 'employments', 'officerSourceId,agencyCode,startedOn\nB-1,X,2020-01-01\n');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('IMPORT.CSV_HEADER_INVALID');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'startedOn', message: 'unknown column "startedOn" for kind employments' },
        { field: 'startDate', message: 'missing column startDate' },
      ]),
    );
    expect(await stored()).toEqual(before);
  });

  it('should read a CSV with a byte order mark and quoted newlines, numbering rows by record', async () => {
    const body =
      '\uFEFF' +
      csv('officerSourceId,agencyCode,startDate,endDate,separationNature,separationReason,underInvestigation', [
        `B-1,${agencyCode},2010-01-01,2012-01-01,resigned,"moved away,\nthen came back\r\ntwice",false`,
        `B-1,${agencyCode},2013-02-30,,,,`,
        `B-1,${agencyCode},2014-01-01,2015-01-01,promoted,,false`,
        `B-1,${agencyCode},2016-01-01,2015-06-01,retired,,false`,
      ]);
    const done = await runImport(t, admin, 'employments', body);
    expect(done).toMatchObject({ status: 'succeeded', total: 4, accepted: 1, rejected: 3 });
    expect((await rejectionsOf(t, admin, done.id)).map((r) => [r.row, r.errors.map((e) => `${e.field}:${e.reason}`)])).toEqual([
      [2, ['startDate:invalid']],
      [3, ['separationNature:not_in_set']],
      [4, ['endDate:ends_before_start']],
    ]);
    const stored = await t.db.query(`SELECT separation_reason FROM employment WHERE import_id = $1`, [done.id]);
    expect(stored.rows).toEqual([{ separation_reason: 'moved away,\nthen came back\r\ntwice' }]);
  });

  it('should reject each row that breaks a rule with every error, and write the others', async () => {
    const training = await runImport(
      t,
      admin,
      'training',
      csv('officerSourceId,courseCode,academyCode,completedOn,hours,result,externalRef', [
        `B-1,NO-COURSE,NO-ACADEMY,2025-01-01,8,pass,T-1`,
        `B-404,${courseCode},${academyCode},2025-01-01,8,pass,T-2`,
        `B-1,${courseCode},${academyCode},2025-06-31,8,excellent,T-3`,
        `B-1,${courseCode},${academyCode},2025-01-01,8,pass,T-4`,
        `B-1,${courseCode},${academyCode},2025-01-02,8,pass,T-4`,
      ]),
    );
    expect(training).toMatchObject({ total: 5, accepted: 1, rejected: 4 });
    expect((await rejectionsOf(t, admin, training.id)).map((r) => [r.row, r.errors.map((e) => `${e.field}:${e.reason}`)])).toEqual([
      [1, ['courseCode:unknown_course', 'academyCode:unknown_academy']],
      [2, ['officerSourceId:unknown_officer']],
      [3, ['completedOn:invalid', 'result:not_in_set']],
      [5, ['externalRef:duplicate_in_file']],
    ]);

    const certifications = await runImport(t, admin, 'certifications', csv('postId,status', ['MA-999999,certified', 'MA-999998,probation']));
    expect((await rejectionsOf(t, admin, certifications.id)).map((r) => [r.row, r.errors.map((e) => `${e.field}:${e.reason}`)])).toEqual([
      [1, ['issuedOn:missing', 'expiresOn:missing']],
      [2, ['status:not_in_set']],
    ]);

    const actions = await runImport(
      t,
      admin,
      'final_actions',
      csv('sourceId,officerSourceId,type,effectiveOn,decidedOn,jurisdiction,caseReference', [
        'A-1,B-1,reprimand,2025-01-01,2024-12-01,MA,R-1',
        'A-2,B-1,revocation,2025-01-01,2024-12-01,Mass,R-2',
        'A-3,B-404,revocation,2025-01-01,2024-12-01,MA,R-3',
        'A-2,B-1,revocation,2025-01-01,2024-12-01,MA,R-4',
      ]),
    );
    expect(actions).toMatchObject({ total: 4, accepted: 0, rejected: 4 });
    expect((await rejectionsOf(t, admin, actions.id)).map((r) => [r.row, r.sourceId, r.errors.map((e) => `${e.field}:${e.reason}`)])).toEqual([
      [1, 'A-1', ['type:not_in_set']],
      [2, 'A-2', ['jurisdiction:invalid']],
      [3, 'A-3', ['officerSourceId:unknown_officer']],
      [4, 'A-2', ['sourceId:duplicate_in_file']],
    ]);
  });

  it('should refuse a body that is not CSV, sent as CSV, and keep nothing', async () => {
    const before = await stored();
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe, 0x22, 0x2c]);
    const response = await t.http().post('/api/v1/imports?kind=officers').set(bearer(admin)).set('Content-Type', 'text/csv').send(png);
    expect(response.status).toBe(400);
    expect(['IMPORT.CSV_HEADER_INVALID', 'IMPORT.MALFORMED']).toContain(response.body.code);
    expect(await stored()).toEqual(before);
  });

  it('should refuse a body declared over 1 GiB with 413 before reading it', async () => {
    const before = await stored();
    function* endless() {
      yield 'sourceId,firstName,lastName,dateOfBirth\n';
      for (let i = 0; i < 1000; i++) yield `${'X'.repeat(1000)}\n`;
    }
    const response = await streamImport(baseUrl, admin, 'officers', endless(), { 'content-length': String(MAX_IMPORT_BYTES + 1) });
    expect(response.status).toBe(413);
    expect(await stored()).toEqual(before);
  });
});
