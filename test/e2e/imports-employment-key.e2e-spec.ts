import { FixedClock } from '@app/core';
import { csv, rejectionsOf, runImport } from '../support/import-helpers';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Imported employments are keyed by their natural key (officer, agency, start date) and compared
 * with the employment table itself (issue 18: no `import_source` row per employment, fewer
 * writes and lookups per chunk). The same file again is `unchanged`; a row with the key of a
 * recorded employment and other content is `changed_since_import` and changes nothing; an open
 * row beside another open employment at the agency is `already_employed`, across imports.
 */
describe('imports: employments by natural key (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let agencyCode: string;
  let otherAgency: string;
  const header = 'officerSourceId,agencyCode,startDate,endDate,position,separationNature,separationReason,underInvestigation';

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2025-07-01T15:00:00Z')) });
    admin = await t.adminToken();
    agencyCode = (await t.createOrganization('agency')).code;
    otherAgency = (await t.createOrganization('agency')).code;
    const officers = await runImport(
      t,
      admin,
      'officers',
      csv('sourceId,firstName,lastName,dateOfBirth', ['K-1,Kim,Keyed,1970-01-01', 'K-2,Lee,Keyed,1971-02-02']),
    );
    expect(officers).toMatchObject({ status: 'succeeded', accepted: 2 });
  });
  afterAll(() => t?.close());

  const rows = () => [
    `K-1,${agencyCode},2010-01-01,2015-06-30,Patrol Officer,resigned,"moved away",false`,
    `K-1,${agencyCode},2016-01-01,,Sergeant,,,`,
    `K-2,${otherAgency},2012-03-01,,,,,`,
  ];
  const stored = async () =>
    (
      await t.db.query(
        `SELECT to_char(start_date, 'YYYY-MM-DD') AS start, to_char(end_date, 'YYYY-MM-DD') AS end, position FROM employment e
           JOIN officer o ON o.id = e.officer_id WHERE o.last_name = 'Keyed' ORDER BY start_date`,
      )
    ).rows;

  it('should leave the same file unchanged, refuse changed content and a second open employment, and write no import_source row', async () => {
    const first = await runImport(t, admin, 'employments', csv(header, rows()));
    expect(first).toMatchObject({ status: 'succeeded', accepted: 3, unchanged: 0, rejected: 0 });
    const written = await stored();
    expect(written).toEqual([
      { start: '2010-01-01', end: '2015-06-30', position: 'Patrol Officer' },
      { start: '2012-03-01', end: null, position: 'not recorded' },
      { start: '2016-01-01', end: null, position: 'Sergeant' },
    ]);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM import_source WHERE kind = 'employments'`)).rows[0].n).toBe(0);

    const again = await runImport(t, admin, 'employments', csv(header, rows()));
    expect(again).toMatchObject({ status: 'succeeded', accepted: 0, unchanged: 3, rejected: 0 });

    const changed = await runImport(
      t,
      admin,
      'employments',
      csv(header, [
        // Same key, another end date; same key, another position; another open one at the agency (another start).
        `K-1,${agencyCode},2010-01-01,2015-07-31,Patrol Officer,resigned,"moved away",false`,
        `K-2,${otherAgency},2012-03-01,,Detective,,,`,
        `K-1,${agencyCode},2020-01-01,,,,,`,
        // A new ended one is taken.
        `K-2,${agencyCode},2001-01-01,2002-01-01,,retired,,false`,
      ]),
    );
    expect(changed).toMatchObject({ accepted: 1, unchanged: 0, rejected: 3 });
    expect((await rejectionsOf(t, admin, changed.id)).map((r) => [r.row, r.errors.map((e) => e.reason)])).toEqual([
      [1, ['changed_since_import']],
      [2, ['changed_since_import']],
      [3, ['already_employed']],
    ]);
    expect(await stored()).toEqual([{ start: '2001-01-01', end: '2002-01-01', position: 'not recorded' }, ...written]);
  });
});
