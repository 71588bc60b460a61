import { ImportChunksService } from '@app/imports';
import { FixedClock } from '@app/core';
import { createCourse } from '../support/factories';
import { csv, postImport, rejectionsOf } from '../support/import-helpers';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * Training imports run two chunks at once (ImportChunksService.rangesToEnd, issue 18 "both
 * cores"). The report and the writes must not depend on which chunk commits first: the same
 * file run with two workers and run one chunk after another gives the same counts, rejections
 * and completions; a chunk that fails mid-run (what kill -9 does to the transaction in flight)
 * leaves some ranges committed, out of order, and the rerun finishes every row exactly once.
 * Chunks of 4 rows here, so that 40 rows make 10 ranges; the job queue is off (JOBS_WORKER=off)
 * and the test runs the chunks itself.
 */
describe('imports: concurrent chunks (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let chunks: ImportChunksService;
  let academyCode: string;
  let courseCode: string;
  const CHUNK = 4;
  const ROWS = 40;
  const header = 'officerSourceId,courseCode,academyCode,completedOn,hours,result,externalRef';

  /** A file with a rejection of every kind spread over the ranges; `prefix` keeps the two runs' references apart. */
  const trainingFile = (prefix: string) =>
    csv(
      header,
      Array.from({ length: ROWS }, (_, i) => {
        const officer = i === 12 ? 'C-NOBODY' : `C-${i % 5}`;
        const course = i % 7 === 6 ? 'CRS-UNKNOWN' : courseCode;
        const hours = i % 9 === 4 ? 99 : 8;
        // Row 23 repeats row 3's key, row 35 row 34's with blanks around the academy code (the same academy): duplicates
        // in the file, in other ranges. Rows 31 and 33 meet completions recorded before the import (unchanged, changed).
        const ref = i === 22 ? `${prefix}-2` : i === 34 ? `${prefix}-33` : i === 30 ? 'PRE-SAME' : i === 32 ? 'PRE-CHANGED' : `${prefix}-${i}`;
        const academy = i === 34 ? ` ${academyCode} ` : academyCode;
        return `${officer},${course},${academy},2025-0${(i % 6) + 1}-01,${hours},pass,${ref}`;
      }),
    );

  const upload = async (kind: string, body: string): Promise<string> => {
    const response = await postImport(t, admin, kind, body);
    expect(response.status).toBe(202);
    return response.body.id as string;
  };
  const view = async (id: string) => (await t.http().get(`/api/v1/imports/${id}`).set(bearer(admin))).body;
  /** What the rows became, the run's prefix taken out of the references. */
  const written = async (id: string, prefix: string) =>
    (
      await t.db.query(
        `SELECT replace(external_ref, $2, 'X') AS ref, officer_id, course_id, to_char(completed_on, 'YYYY-MM-DD') AS on, hours::float8 AS hours
           FROM training_completion WHERE import_id = $1 ORDER BY 1`,
        [id, prefix],
      )
    ).rows;
  const chunkEntries = async (id: string) =>
    (
      await t.db.query<{ from: number; to: number }>(
        `SELECT (details->'rows'->>'from')::int AS from, (details->'rows'->>'to')::int AS to FROM audit_log
          WHERE action = 'import.chunk' AND entity_id = $1 ORDER BY 1`,
        [id],
      )
    ).rows;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2025-07-01T15:00:00Z')), env: { JOBS_WORKER: 'off' } });
    admin = await t.adminToken();
    chunks = t.app.get(ImportChunksService);
    academyCode = (await t.createOrganization('academy')).code;
    courseCode = (await createCourse(t, { kind: 'in_service', hours: 8 })).code;
    const officers = await upload(
      'officers',
      csv('sourceId,firstName,lastName,dateOfBirth', [
        'C-0,Ann,Zero,1980-01-01',
        'C-1,Ben,One,1981-01-01',
        'C-2,Cal,Two,1982-01-01',
        'C-3,Dee,Three,1983-01-01',
        'C-4,Eve,Four,1984-01-01',
      ]),
    );
    await chunks.runToEnd(officers);
    const before = await upload(
      'training',
      csv(header, [`C-0,${courseCode},${academyCode},2025-01-01,8,pass,PRE-SAME`, `C-2,${courseCode},${academyCode},2025-05-01,8,pass,PRE-CHANGED`]),
    );
    await chunks.runToEnd(before);
    expect(await view(before)).toMatchObject({ status: 'succeeded', accepted: 2 });
  }, 60_000);
  afterAll(() => t?.close());

  it('should give the same report and writes with two workers as with one chunk after another', async () => {
    const concurrent = await upload('training', trainingFile('TWO'));
    const sequential = await upload('training', trainingFile('ONE'));
    expect(await chunks.runToEnd(concurrent, CHUNK, () => true, 2)).toBe(true);
    expect(await chunks.runToEnd(sequential, CHUNK, () => true, 1)).toBe(true);

    const two = await view(concurrent);
    const one = await view(sequential);
    const counts = (v: Record<string, unknown>) => ({
      status: v.status,
      total: v.total,
      processed: v.processed,
      accepted: v.accepted,
      unchanged: v.unchanged,
      rejected: v.rejected,
    });
    expect(counts(two)).toEqual(counts(one));
    expect(two).toMatchObject({ status: 'succeeded', total: ROWS, processed: ROWS, unchanged: 1 });
    const reasons = async (id: string) => (await rejectionsOf(t, admin, id)).map((r) => [r.row, r.errors.map((e) => e.reason).join(',')]);
    expect(await reasons(concurrent)).toEqual(await reasons(sequential));
    expect(await reasons(concurrent)).toEqual(
      expect.arrayContaining([
        [13, 'unknown_officer'],
        [7, 'unknown_course'],
        [5, 'hours_exceed_course'],
        [23, 'duplicate_in_file'],
        [35, 'duplicate_in_file'],
        [33, 'changed_since_import'],
      ]),
    );
    expect(await written(concurrent, 'TWO')).toEqual(await written(sequential, 'ONE'));
    expect((await written(concurrent, 'TWO')).length).toBe(two.accepted);

    // Every range once, in one audit entry each; nothing left staged.
    const entries = await chunkEntries(concurrent);
    expect(entries.map((e) => [e.from, e.to])).toEqual(Array.from({ length: ROWS / CHUNK }, (_, k) => [k * CHUNK + 1, (k + 1) * CHUNK]));
    expect((await t.db.query(`SELECT count(*)::int AS n FROM import_row WHERE import_id = $1`, [concurrent])).rows[0].n).toBe(0);
  });

  it('should finish every row exactly once after a chunk failed mid-run and the others committed out of order', async () => {
    // A completion that cannot be written until the test says so: its chunk's transaction fails, as a killed one ends.
    await t.db.query(`CREATE TABLE concurrent_test_gate (open boolean NOT NULL)`);
    await t.db.query(`INSERT INTO concurrent_test_gate VALUES (false)`);
    await t.db.query(`
      CREATE FUNCTION concurrent_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.external_ref = 'KILL-1' AND NOT (SELECT open FROM concurrent_test_gate) THEN RAISE EXCEPTION 'chunk killed'; END IF;
        RETURN NEW;
      END $$`);
    await t.db.query(`CREATE TRIGGER concurrent_test_refuse BEFORE INSERT ON training_completion FOR EACH ROW EXECUTE FUNCTION concurrent_test_refuse()`);
    try {
      const id = await upload('training', trainingFile('KILL'));
      // Range 1 (rows 1-4; KILL-1 is row 2) fails; range 2, begun with it by the other worker, commits: out of order.
      await expect(chunks.runToEnd(id, CHUNK, () => true, 2)).rejects.toThrow(/chunk killed/);
      const midway = await view(id);
      expect(midway.status).toBe('running');
      expect(midway.processed).toBeGreaterThanOrEqual(CHUNK);
      expect(midway.processed).toBeLessThan(ROWS);
      const staged = (await t.db.query<{ row_no: number }>(`SELECT row_no FROM import_row WHERE import_id = $1 ORDER BY row_no`, [id])).rows.map(
        (r) => r.row_no,
      );
      expect(staged.slice(0, 4)).toEqual([1, 2, 3, 4]);
      expect(staged).not.toContain(5);
      expect(staged.length).toBe(ROWS - midway.processed);

      await t.db.query(`UPDATE concurrent_test_gate SET open = true`);
      expect(await chunks.runToEnd(id, CHUNK, () => true, 2)).toBe(true);
      const done = await view(id);
      expect(done).toMatchObject({ status: 'succeeded', total: ROWS, processed: ROWS });
      expect(done.accepted + done.unchanged + done.rejected).toBe(ROWS);
      const rows = (await t.db.query(`SELECT external_ref, count(*)::int AS n FROM training_completion WHERE import_id = $1 GROUP BY 1`, [id])).rows;
      expect(rows.length).toBe(done.accepted);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      const rejected = (await t.db.query(`SELECT count(*)::int AS n FROM import_rejection WHERE import_id = $1`, [id])).rows[0].n;
      expect(rejected).toBe(done.rejected);
      const entries = await chunkEntries(id);
      expect(entries.map((e) => [e.from, e.to])).toEqual(Array.from({ length: ROWS / CHUNK }, (_, k) => [k * CHUNK + 1, (k + 1) * CHUNK]));
    } finally {
      await t.db.query(`DROP TRIGGER concurrent_test_refuse ON training_completion`);
      await t.db.query(`DROP FUNCTION concurrent_test_refuse()`);
      await t.db.query(`DROP TABLE concurrent_test_gate`);
    }
  });
});
