import { FixedClock } from '@app/core';
import { createCourse, createOfficer } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** POST /training-completions/batch, JSON and CSV (issue 3). */
describe('training batch import (e2e)', () => {
  const HEADER = 'postId,courseCode,completedOn,hours,result,externalRef';
  let t: TestApp;
  let academyId: string;
  let registrar: string;
  let otherRegistrar: string;
  let courseCode: string;
  let postId: string;
  let batchSequence = 0;
  let prefix: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2025-07-01T15:00:00Z')) });
    academyId = (await t.createOrganization('academy')).id;
    registrar = await t.userToken(academyId, ['academy_registrar']);
    otherRegistrar = await t.userToken((await t.createOrganization('academy')).id, ['academy_registrar']);
    courseCode = (await createCourse(t, { kind: 'in_service', hours: 8 })).code;
    postId = (await createOfficer(t)).postId;
  });
  afterAll(() => t.close());
  beforeEach(() => {
    prefix = `B${++batchSequence}-`;
  });

  const row = (i: number | string, overrides: Record<string, unknown> = {}) => ({
    postId,
    courseCode,
    completedOn: '2025-06-01',
    hours: 8,
    result: 'pass',
    externalRef: `${prefix}${i}`,
    ...overrides,
  });
  const csvLine = (r: Record<string, unknown>) => [r.postId, r.courseCode, r.completedOn, r.hours, r.result, r.externalRef].join(',');
  const postJson = (body: unknown, token = registrar) =>
    t
      .http()
      .post('/api/v1/training-completions/batch')
      .set(bearer(token))
      .send(body as object);
  const postCsv = (text: string | Buffer, token = registrar, type = 'text/csv') =>
    t.http().post('/api/v1/training-completions/batch').set(bearer(token)).set('Content-Type', type).send(text);
  const stored = async () => Number((await t.db.query(`SELECT count(*) FROM training_completion WHERE external_ref LIKE $1 || '%'`, [prefix])).rows[0].count);
  const batchAudits = async () => (await t.db.query(`SELECT details FROM audit_log WHERE action = 'training_completion.import' ORDER BY seq`)).rows;

  describe('JSON', () => {
    it('should store every valid row, report every rejected one with its row, reference and all its errors, and audit the batch once', async () => {
      const audits = (await batchAudits()).length;
      const response = await postJson({
        records: [
          row(1),
          row(2, { completedOn: '1995-02-30', hours: -2 }),
          row(3, { courseCode: 'NO-SUCH-COURSE', postId: 'MA-999999' }),
          row(4, { hours: 99999, courseCode: 'NO-SUCH-COURSE' }),
          row(5, { completedOn: '2025-07-02' }),
          row(6, { academyId: 'someone-else' }),
          'not an object',
          row(8, { hours: 7.25, result: 'fail' }),
        ],
      });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        accepted: 2,
        unchanged: 0,
        rejected: [
          {
            row: 2,
            externalRef: `${prefix}2`,
            errors: [
              { field: 'completedOn', reason: 'invalid', message: expect.stringContaining('real calendar date') },
              { field: 'hours', reason: 'invalid', message: expect.stringContaining('at least 0.01') },
            ],
          },
          {
            row: 3,
            externalRef: `${prefix}3`,
            errors: [
              { field: 'postId', reason: 'unknown_post_id', message: expect.any(String) },
              { field: 'courseCode', reason: 'unknown_course_code', message: expect.any(String) },
            ],
          },
          {
            row: 4,
            externalRef: `${prefix}4`,
            errors: [
              { field: 'courseCode', reason: 'unknown_course_code', message: expect.any(String) },
              { field: 'hours', reason: 'invalid', message: expect.stringContaining('at most 2000') },
            ],
          },
          { row: 5, externalRef: `${prefix}5`, errors: [{ field: 'completedOn', reason: 'completed_on_in_future', message: expect.any(String) }] },
          { row: 6, externalRef: `${prefix}6`, errors: [{ field: 'academyId', reason: 'unknown_field', message: 'property academyId should not exist' }] },
          { row: 7, externalRef: null, errors: [{ field: 'record', reason: 'invalid', message: 'each record must be an object' }] },
        ],
      });
      const { rows } = await t.db.query(
        `SELECT external_ref, academy_id, hours::text, result FROM training_completion WHERE external_ref LIKE $1 || '%' ORDER BY external_ref`,
        [prefix],
      );
      expect(rows).toEqual([
        { external_ref: `${prefix}1`, academy_id: academyId, hours: '8.00', result: 'pass' },
        { external_ref: `${prefix}8`, academy_id: academyId, hours: '7.25', result: 'fail' },
      ]);
      const after = await batchAudits();
      expect(after).toHaveLength(audits + 1);
      // officerIds: the officers whose records the batch created, so GET /audit?postId= finds the entry.
      const officerId = (await t.db.query(`SELECT id FROM officer WHERE post_id = $1`, [postId])).rows[0].id;
      expect(after[after.length - 1].details).toEqual({ format: 'json', received: 8, accepted: 2, unchanged: 0, rejected: 6, officerIds: [officerId] });
    });

    it('should reject rows claiming more hours than their course has (an 8-hour course recorded as 120 hours), storing the others', async () => {
      const response = await postJson({ records: [row(1, { hours: 8 }), row(2, { hours: 120 }), row(3, { hours: 8.01 }), row(4, { hours: 4 })] });
      expect(response.body).toEqual({
        accepted: 2,
        unchanged: 0,
        rejected: [
          { row: 2, externalRef: `${prefix}2`, errors: [{ field: 'hours', reason: 'hours_exceed_course', message: "hours 120 exceed the course's 8 hours" }] },
          { row: 3, externalRef: `${prefix}3`, errors: [{ field: 'hours', reason: 'hours_exceed_course', message: "hours 8.01 exceed the course's 8 hours" }] },
        ],
      });
      expect(await stored()).toBe(2);
      const csv = await postCsv(['postId,courseCode,completedOn,hours,result,externalRef', csvLine(row(5, { hours: 120 }))].join('\n'));
      expect(csv.body.rejected).toEqual([{ row: 1, externalRef: `${prefix}5`, errors: [expect.objectContaining({ reason: 'hours_exceed_course' })] }]);
      expect(await stored()).toBe(2);
    });

    it('should count a retried batch as unchanged, and reject a conflicting repeat and a conflicting duplicate inside the batch', async () => {
      const records = [row(1), row(2), row(3)];
      expect((await postJson({ records })).body).toEqual({ accepted: 3, unchanged: 0, rejected: [] });
      const retry = await postJson({ records: [...records, row(3), row(2, { hours: 7 }), row(4), row(4, { result: 'fail' })] });
      expect(retry.body).toEqual({
        accepted: 1,
        unchanged: 4,
        rejected: [
          { row: 5, externalRef: `${prefix}2`, errors: [{ field: 'externalRef', reason: 'external_ref_conflict', message: expect.any(String) }] },
          { row: 7, externalRef: `${prefix}4`, errors: [{ field: 'externalRef', reason: 'external_ref_conflict', message: expect.any(String) }] },
        ],
      });
      expect(await stored()).toBe(4);
    });

    it('should store each row once when two identical batches race', async () => {
      const records = Array.from({ length: 300 }, (_, i) => row(i));
      const [a, b] = await Promise.all([postJson({ records }), postJson({ records })]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body.accepted + b.body.accepted).toBe(300);
      expect(a.body.unchanged + b.body.unchanged).toBe(300);
      expect(await stored()).toBe(300);
    });

    it("should write only the caller's academy: another academy's identical references are its own records", async () => {
      const records = [row(1), row(2)];
      expect((await postJson({ records })).body.accepted).toBe(2);
      expect((await postJson({ records }, otherRegistrar)).body).toEqual({ accepted: 2, unchanged: 0, rejected: [] });
      const { rows } = await t.db.query(`SELECT count(DISTINCT academy_id)::int AS n FROM training_completion WHERE external_ref LIKE $1 || '%'`, [prefix]);
      expect(rows[0].n).toBe(2);
    });

    it('should refuse 10,001 records with 400 TRAINING.BATCH_TOO_LARGE and store none, and take 10,000', async () => {
      const records = Array.from({ length: 10_001 }, (_, i) => row(i));
      const tooMany = await postJson({ records });
      expect(tooMany.status).toBe(400);
      expect(tooMany.body).toMatchObject({ code: 'TRAINING.BATCH_TOO_LARGE', errors: [{ field: 'records', message: expect.stringContaining('10000') }] });
      expect(await stored()).toBe(0);
      const full = await postJson({ records: records.slice(0, 10_000) });
      expect(full.body).toEqual({ accepted: 10_000, unchanged: 0, rejected: [] });
    });

    it.each([
      ['an empty list', { records: [] }, 'TRAINING.BATCH_EMPTY'],
      ['no records field', {}, 'REQUEST.INVALID'],
      ['records that are not a list', { records: 'all of them' }, 'REQUEST.INVALID'],
      ['an unknown top-level field', { records: [{}], academyId: 'x' }, 'REQUEST.INVALID'],
    ])('should refuse %s with 400', async (_, body, code) => {
      const response = await postJson(body);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe(code);
    });

    it('should store nothing of a batch that fails half-way, and audit nothing', async () => {
      // A database failure on a row of the second insert chunk, after the first chunk went in.
      await t.db.query(`CREATE FUNCTION fail_on_crash_row() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.external_ref LIKE '%CRASH' THEN RAISE EXCEPTION 'simulated crash'; END IF; RETURN NEW; END $$`);
      await t.db.query(`CREATE TRIGGER crash_mid_batch BEFORE INSERT ON training_completion FOR EACH ROW EXECUTE FUNCTION fail_on_crash_row()`);
      try {
        const audits = (await batchAudits()).length;
        const records = Array.from({ length: 4000 }, (_, i) => row(String(i).padStart(5, '0')));
        records.push(row('ZZ-CRASH'));
        const response = await postJson({ records });
        expect(response.status).toBe(500);
        expect(await stored()).toBe(0);
        expect(await batchAudits()).toHaveLength(audits);
      } finally {
        await t.db.query(`DROP TRIGGER crash_mid_batch ON training_completion; DROP FUNCTION fail_on_crash_row()`);
      }
    });

    it('should refuse an agency with 403', async () => {
      const agency = await t.createOrganization('agency');
      const response = await postJson({ records: [row(1)] }, await t.userToken(agency.id, ['agency_admin']));
      expect(response.status).toBe(403);
      expect(await stored()).toBe(0);
    });
  });

  describe('CSV', () => {
    it('should import a CSV with a BOM, columns in any order, a quoted comma, a quoted newline and a charset parameter', async () => {
      const text =
        '\uFEFFexternalRef,postId,courseCode,completedOn,hours,result\r\n' +
        `"${prefix}1,a",${postId},${courseCode},2025-06-01,8,pass\r\n` +
        `"${prefix}2\nsecond line",${postId},${courseCode},2025-06-01,8,pass\r\n` +
        `${prefix}3,${postId},${courseCode},2025-06-01,7.5,fail\r\n`;
      const response = await postCsv(text, registrar, 'text/csv; charset=utf-8');
      expect(response.status).toBe(200);
      // The quoted newline keeps row 2 one record (the next one is row 3); a newline is not allowed in a reference.
      expect(response.body).toEqual({
        accepted: 2,
        unchanged: 0,
        rejected: [
          {
            row: 2,
            externalRef: `${prefix}2\nsecond line`,
            errors: [{ field: 'externalRef', reason: 'invalid', message: expect.stringContaining('printable') }],
          },
        ],
      });
      const { rows } = await t.db.query(`SELECT external_ref, hours::text FROM training_completion WHERE external_ref LIKE $1 || '%' ORDER BY external_ref`, [
        prefix,
      ]);
      expect(rows).toEqual([
        { external_ref: `${prefix}1,a`, hours: '8.00' },
        { external_ref: `${prefix}3`, hours: '7.50' },
      ]);
      expect((await batchAudits()).pop().details).toMatchObject({ format: 'csv', received: 3, accepted: 2 });
    });

    it('should judge CSV rows like JSON ones: impossible dates, bad hours, unknown codes, empty cells', async () => {
      const lines = [
        HEADER,
        csvLine(row(1, { completedOn: '1995-02-30' })),
        csvLine(row(2, { hours: '-4' })),
        csvLine(row(3, { hours: 'lots' })),
        csvLine(row(4, { courseCode: 'NO-SUCH-COURSE' })),
        csvLine(row(5, { postId: '' })),
        csvLine(row(6)),
      ];
      const response = await postCsv(lines.join('\n'));
      expect(response.body.accepted).toBe(1);
      expect(
        response.body.rejected.map((r: { row: number; errors: { field: string; reason: string }[] }) => [r.row, r.errors.map((e) => `${e.field}:${e.reason}`)]),
      ).toEqual([
        [1, ['completedOn:invalid']],
        [2, ['hours:invalid']],
        [3, ['hours:invalid']],
        [4, ['courseCode:unknown_course_code']],
        [5, ['postId:missing']],
      ]);
    });

    it('should refuse a header without a column with 400 naming it, storing nothing', async () => {
      const response = await postCsv(['postId,courseCode,completedOn,result,externalRef', `${postId},${courseCode},2025-06-01,pass,${prefix}1`].join('\n'));
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'TRAINING.CSV_HEADER_INVALID', errors: [{ field: 'hours', message: 'missing column hours' }] });
      expect(await stored()).toBe(0);
    });

    it('should refuse a semicolon-delimited file with 400 explaining the delimiter', async () => {
      const response = await postCsv([HEADER.replace(/,/g, ';'), csvLine(row(1)).replace(/,/g, ';')].join('\n'));
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('TRAINING.CSV_HEADER_INVALID');
      expect(response.body.detail).toContain('not ";"');
      expect(await stored()).toBe(0);
    });

    it('should refuse unknown and repeated columns', async () => {
      const response = await postCsv(`${HEADER},academyId,hours\n`);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([
        { field: 'academyId', message: 'unknown column "academyId"' },
        { field: 'hours', message: 'column hours appears twice' },
      ]);
    });

    it.each([
      ['a row with an extra field', `${HEADER}\n${csvLine(row(1))}\n${csvLine(row(2))},extra\n`],
      ['an unclosed quote', `${HEADER}\n${csvLine(row(1))}\n"${prefix}2,oops\n`],
    ])('should refuse %s with 400 TRAINING.CSV_MALFORMED and store nothing', async (_, text) => {
      const response = await postCsv(text);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('TRAINING.CSV_MALFORMED');
      expect(await stored()).toBe(0);
    });

    it.each([
      ['an empty body', ''],
      ['a header and no rows', `${HEADER}\n`],
    ])('should refuse %s with 400 TRAINING.BATCH_EMPTY', async (_, text) => {
      const response = await postCsv(text);
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('TRAINING.BATCH_EMPTY');
    });

    it('should refuse 10,001 rows with 400 TRAINING.BATCH_TOO_LARGE and store none', async () => {
      const lines = [HEADER, ...Array.from({ length: 10_001 }, (_, i) => csvLine(row(i)))];
      const response = await postCsv(lines.join('\n'));
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('TRAINING.BATCH_TOO_LARGE');
      expect(await stored()).toBe(0);
    });

    it('should refuse a body over the size limit with 413', async () => {
      // 9,000 rows of ~520 bytes: under the row limit, over the 4 MiB body limit.
      const lines = [HEADER, ...Array.from({ length: 9_000 }, (_, i) => csvLine(row(i, { externalRef: `${prefix}${i}${'x'.repeat(450)}` })))];
      const text = lines.join('\n');
      expect(text.length).toBeGreaterThan(4 * 1024 * 1024);
      const response = await postCsv(text);
      expect(response.status).toBe(413);
      expect(await stored()).toBe(0);
    });

    it('should keep refusing CSV on every other route with 415', async () => {
      const response = await t
        .http()
        .post('/api/v1/training-completions')
        .set(bearer(registrar))
        .set('Content-Type', 'text/csv')
        .send(`${HEADER}\n${csvLine(row(1))}\n`);
      expect(response.status).toBe(415);
      expect(await stored()).toBe(0);
    });

    it('should refuse an agency with 403', async () => {
      const agency = await t.createOrganization('agency');
      const response = await postCsv(`${HEADER}\n${csvLine(row(1))}\n`, await t.userToken(agency.id, ['agency_hiring']));
      expect(response.status).toBe(403);
      expect(await stored()).toBe(0);
    });
  });
});
