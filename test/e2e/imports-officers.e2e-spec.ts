import { FixedClock } from '@app/core';
import { csv, postImport, rejectionsOf, runImport } from '../support/import-helpers';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** POST /imports?kind=officers (issue 18). */
describe('imports: officers (e2e)', () => {
  let t: TestApp;
  let admin: string;
  const HEADER = 'sourceId,firstName,middleName,lastName,suffix,dateOfBirth,ssnLast4,aliases,postId';

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2025-07-01T15:00:00Z')) });
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  it('should create every valid officer, report each rejected row with all its errors, and map source ids to POST IDs', async () => {
    const done = await runImport(
      t,
      admin,
      'officers',
      csv(HEADER, [
        'OF-1,Alice,,Walker,,1980-03-04,1234,Alice Smith,',
        'OF-2,Bob,Q,Stone,Jr,1979-02-30,12a4,,',
        'OF-3,,,Nolast,,2030-01-01,,,',
        'OF-1,Alicia,,Walker,,1980-03-04,,,',
        '"OF-5","Carl","","O\'Neil, Jr","","1975-05-05","","","MA-770001"',
      ]),
    );
    expect(done).toMatchObject({ status: 'succeeded', total: 5, processed: 5, accepted: 2, unchanged: 0, rejected: 3 });
    const rejections = await rejectionsOf(t, admin, done.id);
    expect(rejections.map((r) => [r.row, r.sourceId, r.errors.map((e) => `${e.field}:${e.reason}`)])).toEqual([
      [2, 'OF-2', ['dateOfBirth:invalid', 'ssnLast4:invalid']],
      [3, 'OF-3', ['firstName:missing', 'dateOfBirth:in_future']],
      [4, 'OF-1', ['sourceId:duplicate_in_file']],
    ]);
    const officers = await t.http().get(`/api/v1/imports/${done.id}/officers.csv`).set(bearer(admin));
    expect(officers.status).toBe(200);
    const lines = officers.text.trim().split('\n');
    expect(lines[0]).toBe('sourceId,postId');
    expect(lines).toContain('OF-5,MA-770001');
    expect(lines.some((line) => /^OF-1,MA-\d{6}$/.test(line))).toBe(true);
  });

  it('should refuse a file whose header does not fit the kind, keeping nothing', async () => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM data_import`)).rows[0].n;
    const response = await postImport(t, admin, 'officers', 'sourceId,firstName,lastNme,dateOfBirth\nX,A,B,1980-01-01\n');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('IMPORT.CSV_HEADER_INVALID');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM data_import`)).rows[0].n).toBe(before);
  });
});
