import { FixedClock } from '@app/core';
import { certifyBySql, createOfficer, insertOfficers, officerIdOf } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * registry_tally (migration 1767000050100): the counts GET /stats/overview reads are kept by
 * statement triggers on certification, commission_case and case_event. After inserts, updates
 * (one row, many rows, no status change), deletes and the read's fold, every tally must equal a
 * count of the rows themselves.
 */
describe('registry tallies (e2e)', () => {
  let t: TestApp;
  // A zone whose months do not start at UTC midnight, so the hiring-check months read both the tally and the boundary days.
  const clock = new FixedClock(new Date('2026-06-15T15:00:00.000Z'));
  beforeAll(async () => {
    t = await startTestApp({ clock, env: { POST_TIME_ZONE: 'America/New_York' } });
  });
  afterAll(() => t.close());

  const tally = async (name: string) =>
    Object.fromEntries(
      (await t.db.query(`SELECT key, sum(n)::int AS n FROM registry_tally WHERE tally = $1 GROUP BY key HAVING sum(n) <> 0 ORDER BY key`, [name])).rows.map(
        (r) => [r.key, r.n],
      ),
    );
  const recount = async (sql: string) => Object.fromEntries((await t.db.query(sql)).rows.map((r) => [r.key, r.n]));
  const certifications = () => recount(`SELECT status AS key, count(*)::int AS n FROM certification GROUP BY 1 ORDER BY 1`);
  const cases = () => recount(`SELECT status AS key, count(*)::int AS n FROM commission_case GROUP BY 1 ORDER BY 1`);
  const decisions = () =>
    recount(
      `SELECT to_char(occurred_on, 'YYYY-MM-DD') || '/' || coalesce(payload ->> 'sanction', '') AS key, count(*)::int AS n FROM case_event WHERE action = 'decide' GROUP BY 1 ORDER BY 1`,
    );

  it('counts what the rows say after every kind of write, and after the read folds them', async () => {
    const officerIds: string[] = [];
    for (let i = 0; i < 6; i++) officerIds.push(await officerIdOf(t, (await createOfficer(t)).postId));
    for (const id of officerIds.slice(0, 4)) await certifyBySql(t, id, { issuedOn: '2024-01-01', expiresOn: '2027-01-01' });
    expect(await tally('certification_status')).toEqual(await certifications());

    // Many rows in one statement, a row whose status does not change, a delete.
    await t.db.query(`UPDATE certification SET status = 'revoked' WHERE officer_id = ANY($1)`, [officerIds.slice(0, 2)]);
    await t.db.query(`UPDATE certification SET version = version + 1 WHERE officer_id = ANY($1)`, [officerIds]);
    const cases0 = [];
    for (const [i, status] of (['open', 'decided', 'final'] as const).entries()) {
      const { rows } = await t.db.query(
        `INSERT INTO commission_case (case_number, officer_id, status, version, summary, state, opened_by) VALUES ($1, $2, $3, 1, 'Tally', '{}', 'test') RETURNING id`,
        [`2098-${String(i + 1).padStart(6, '0')}`, officerIds[i], status],
      );
      cases0.push(rows[0].id as string);
    }
    await t.db.query(`UPDATE commission_case SET status = 'dismissed' WHERE id = $1`, [cases0[0]]);
    await t.db.query(
      `INSERT INTO case_event (case_id, version, action, from_status, to_status, payload, occurred_on, actor_kind, actor_id)
       VALUES ($1, 2, 'decide', 'heard', 'decided', '{"sanction": "suspend"}', '2026-05-02', 'user', 'test'),
              ($1, 3, 'finalize', 'decided', 'final', '{}', '2026-06-03', 'user', 'test'),
              ($2, 2, 'decide', 'heard', 'decided', '{"sanction": "revoke"}', '2026-05-02', 'user', 'test')`,
      [cases0[1], cases0[2]],
    );
    await t.db.query(`DELETE FROM commission_case WHERE id = $1`, [cases0[0]]);
    expect(await tally('certification_status')).toEqual(await certifications());
    expect(await tally('case_status')).toEqual(await cases());
    expect(await tally('decision')).toEqual(await decisions());
    expect(await decisions()).toEqual({ '2026-05-02/revoke': 1, '2026-05-02/suspend': 1 });

    // Enough deltas that the read folds them: the counts stay, the rows shrink to one per key.
    for (let i = 0; i < 30; i++) await t.db.query(`UPDATE certification SET status = $2 WHERE officer_id = $1`, [officerIds[5], i % 2 ? 'revoked' : 'lapsed']);
    const rowsBefore = (await t.db.query(`SELECT count(*)::int AS n FROM registry_tally WHERE tally = 'certification_status'`)).rows[0].n;
    const response = await t
      .http()
      .get('/api/v1/stats/overview')
      .set(bearer(await t.adminToken()));
    expect(response.status).toBe(200);
    const rowsAfter = (await t.db.query(`SELECT count(*)::int AS n FROM registry_tally WHERE tally = 'certification_status'`)).rows[0].n;
    expect(rowsAfter).toBeLessThan(rowsBefore);
    expect(rowsAfter).toBe(Object.keys(await certifications()).length);
    expect(await tally('certification_status')).toEqual(await certifications());
    expect(response.body.certificationsByStatus).toMatchObject(await certifications());
    expect(response.body.casesByStatus).toMatchObject(await cases());
  });

  it('counts hiring checks by month in the registry time zone as a scan of the checks would', async () => {
    const agencyId = (await t.db.query(`SELECT id FROM organization ORDER BY code LIMIT 1`)).rows[0].id as string;
    const officerId = await officerIdOf(t, (await createOfficer(t)).postId);
    const insert = (checks: { at: string; matched: boolean; hireable?: boolean }[]) =>
      t.db.query(
        `INSERT INTO hiring_check (agency_id, actor_kind, actor_id, checked_at, query_kind, query, answer, matched_officer_ids)
         SELECT $1, 'user', 'test', c.at::timestamptz, 'post_id', '{}',
                CASE WHEN c.matched THEN jsonb_build_object('matches', jsonb_build_array(jsonb_build_object('hireable', c.hireable))) ELSE '{"matches": []}' END,
                CASE WHEN c.matched THEN ARRAY[$2::uuid] ELSE '{}' END
           FROM jsonb_to_recordset($3::jsonb) AS c(at text, matched boolean, hireable boolean)`,
        [agencyId, officerId, JSON.stringify(checks)],
      );
    // New York: 2026-02-01T03:00Z is still 31 January there; 2026-04-01T02:00Z is still 31 March.
    await insert([
      { at: '2026-02-01T03:00:00Z', matched: true, hireable: true },
      { at: '2026-02-01T06:00:00Z', matched: false },
      { at: '2026-02-15T12:00:00Z', matched: true, hireable: false },
      { at: '2026-02-15T13:00:00Z', matched: true, hireable: true },
      { at: '2026-03-01T04:59:59Z', matched: true, hireable: false },
    ]);
    await insert([{ at: '2026-03-01T05:00:00Z', matched: false }]);
    await insert([{ at: '2026-03-20T12:00:00Z', matched: true, hireable: true }]);
    await insert([
      { at: '2026-04-01T02:00:00Z', matched: true, hireable: false },
      { at: '2026-04-01T05:00:00Z', matched: false },
      { at: '2026-01-10T12:00:00Z', matched: false },
    ]);
    const tallied = await tally('hiring_check');
    const recounted = await recount(
      `SELECT to_char(checked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || '/' || (cardinality(matched_officer_ids) > 0)::int
              || (answer -> 'matches' @> '[{"hireable": false}]')::int AS key, count(*)::int AS n FROM hiring_check GROUP BY 1 ORDER BY 1`,
    );
    expect(tallied).toEqual(recounted);
    expect(tallied['2026-02-15/11']).toBe(1);

    // The months a scan of the checks gives (the query this tally replaced), in the registry's zone.
    type Month = { month: string; checks: number; matches: number; notHireable: number };
    const scan = async (from: string, to: string): Promise<Record<string, Month>> =>
      Object.fromEntries(
        (
          await t.db.query<Month>(
            `SELECT to_char(checked_at AT TIME ZONE $3, 'YYYY-MM') AS month, count(*)::int AS checks,
                    count(*) FILTER (WHERE cardinality(matched_officer_ids) > 0)::int AS matches,
                    count(*) FILTER (WHERE answer -> 'matches' @> '[{"hireable": false}]')::int AS "notHireable"
               FROM hiring_check WHERE checked_at >= ($1::date)::timestamp AT TIME ZONE $3 AND checked_at < ($2::date + 1)::timestamp AT TIME ZONE $3
              GROUP BY 1`,
            [from, to, 'America/New_York'],
          )
        ).rows.map((r) => [r.month, r]),
      );
    for (const [from, to] of [
      ['2026-02-01', '2026-03-31'],
      ['2026-01-01', '2026-06-15'],
      ['2026-02-15', '2026-03-01'],
    ]) {
      const response = await t
        .http()
        .get(`/api/v1/stats/overview?from=${from}&to=${to}`)
        .set(bearer(await t.adminToken()));
      expect(response.status).toBe(200);
      const expected = await scan(from, to);
      expect(Object.values(expected).reduce((sum, r) => sum + r.checks, 0)).toBeGreaterThan(0);
      for (const row of response.body.hiringChecks) expect(row).toEqual(expected[row.month] ?? { month: row.month, checks: 0, matches: 0, notHireable: 0 });
    }
    const february = await scan('2026-02-01', '2026-03-31');
    expect(february['2026-02']).toEqual({ month: '2026-02', checks: 4, matches: 3, notHireable: 2 });
    expect(february['2026-03']).toEqual({ month: '2026-03', checks: 3, matches: 2, notHireable: 1 });
  });

  it('counts separations under investigation per officer after inserts, updates, a merge and deletes', async () => {
    const agencyId = (await t.db.query(`SELECT id FROM organization ORDER BY code LIMIT 1`)).rows[0].id as string;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await officerIdOf(t, (await createOfficer(t)).postId));
    const separations = async (officerId: string, n: number, underInvestigation: boolean) =>
      t.db.query(
        `INSERT INTO employment (officer_id, agency_id, position, start_date, end_date, separation_nature, separation_reason, under_investigation)
         SELECT $1, $2, 'Patrol Officer', DATE '2000-01-01' + g * 400, DATE '2000-06-01' + g * 400, 'resigned', 'left', $4 FROM generate_series(1, $3::int) g`,
        [officerId, agencyId, n, underInvestigation],
      );
    const perOfficer = async () =>
      Object.fromEntries(
        (await t.db.query(`SELECT officer_id AS key, n FROM investigated_separation_tally WHERE n > 0 ORDER BY 1`)).rows.map((r) => [r.key, r.n]),
      );
    const recounted = () => recount(`SELECT officer_id AS key, count(*)::int AS n FROM employment WHERE under_investigation GROUP BY 1 ORDER BY 1`);
    await separations(ids[0], 3, true);
    await separations(ids[1], 1, true);
    await separations(ids[1], 2, false);
    await separations(ids[2], 2, true);
    expect(await perOfficer()).toEqual(await recounted());
    // Several rows of several officers in one statement; a merge moving one officer's records to another; a delete.
    await t.db.query(`UPDATE employment SET under_investigation = NOT under_investigation WHERE officer_id = $1`, [ids[1]]);
    await t.db.query(`UPDATE employment SET separation_reason = 'moved' WHERE officer_id = ANY($1)`, [ids]);
    await t.db.query(`UPDATE employment SET officer_id = $2 WHERE officer_id = $1`, [ids[2], ids[0]]);
    await t.db.query(`DELETE FROM employment WHERE id = (SELECT id FROM employment WHERE officer_id = $1 AND under_investigation LIMIT 1)`, [ids[0]]);
    expect(await perOfficer()).toEqual(await recounted());
    expect((await perOfficer())[ids[0]]).toBe(4);
    expect((await perOfficer())[ids[1]]).toBe(2);

    const response = await t
      .http()
      .get('/api/v1/stats/overview')
      .set(bearer(await t.adminToken()));
    expect(response.status).toBe(200);
    const wandering = (
      await t.db.query(
        `SELECT o.post_id AS "postId", count(*)::int AS n FROM employment e JOIN officer o ON o.id = e.officer_id
          WHERE e.under_investigation GROUP BY o.post_id HAVING count(*) >= 2 ORDER BY n DESC, o.post_id`,
      )
    ).rows;
    expect(
      response.body.wanderingOfficers.map((w: { postId: string; separationsUnderInvestigation: number }) => ({
        postId: w.postId,
        n: w.separationsUnderInvestigation,
      })),
    ).toEqual(wandering);
  });

  it('lists every wandering officer, however many: none drops off the end (the list was once cut at 500)', async () => {
    const agencyId = (await t.db.query(`SELECT id FROM organization ORDER BY code LIMIT 1`)).rows[0].id as string;
    const postIds = await insertOfficers(t.db, 520);
    // Two separations under investigation each; the last one (by POST ID) three, so the order is tested too.
    await t.db.query(
      `INSERT INTO employment (officer_id, agency_id, position, start_date, end_date, separation_nature, separation_reason, under_investigation)
       SELECT o.id, $2, 'Patrol Officer', DATE '2000-01-01' + g * 400, DATE '2000-06-01' + g * 400, 'resigned', 'left', true
         FROM officer o CROSS JOIN generate_series(1, CASE WHEN o.post_id = $3 THEN 3 ELSE 2 END) g
        WHERE o.post_id = ANY($1)`,
      [postIds, agencyId, postIds[postIds.length - 1]],
    );
    const response = await t
      .http()
      .get('/api/v1/stats/overview')
      .set(bearer(await t.adminToken()));
    expect(response.status).toBe(200);
    const listed: { postId: string; separationsUnderInvestigation: number }[] = response.body.wanderingOfficers;
    const expected = (
      await t.db.query(
        `SELECT o.post_id AS "postId", count(*)::int AS n FROM employment e JOIN officer o ON o.id = e.officer_id
          WHERE e.under_investigation GROUP BY o.post_id HAVING count(*) >= 2 ORDER BY n DESC, o.post_id`,
      )
    ).rows;
    expect(expected.length).toBeGreaterThanOrEqual(520);
    expect(listed.map((w) => ({ postId: w.postId, n: w.separationsUnderInvestigation }))).toEqual(expected);
    expect(new Set(listed.map((w) => w.postId))).toEqual(new Set([...postIds, ...expected.map((r: { postId: string }) => r.postId)]));
  });

  it('reads the median days report to final from the final_days tally as percentile_cont over every case would', async () => {
    const histograms: [string, number][][] = [
      [['2026-03-02/40', 1]],
      [
        ['2026-03-02/40', 1],
        ['2026-03-05/10', 1],
      ],
      [
        ['2026-03-02/40', 2],
        ['2026-03-05/10', 1],
        ['2026-03-05/90', 3],
        ['2026-04-01/10', 2],
      ],
      [
        ['2026-03-02/40', 2],
        ['2026-03-02/40', -2],
        ['2026-03-05/7', 1],
        ['2026-03-09/300', 4],
        ['2026-03-09/300', -1],
        ['2026-03-31/12', 2],
      ],
      // Outside the range (2026-03-01 .. 2026-03-31): not counted.
      [
        ['2026-02-28/1', 5],
        ['2026-03-10/50', 1],
        ['2026-04-01/2', 5],
      ],
    ];
    for (const rows of histograms) {
      await t.db.query(`DELETE FROM registry_tally WHERE tally = 'final_days'`);
      for (const [key, n] of rows) await t.db.query(`INSERT INTO registry_tally (tally, key, n) VALUES ('final_days', $1, $2)`, [key, n]);
      const { rows: expected } = await t.db.query(
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY substring(key, 12)::int)::float8 AS median
           FROM (SELECT key, sum(n) AS n FROM registry_tally WHERE tally = 'final_days' AND key BETWEEN '2026-03-01' AND '2026-03-310' GROUP BY key) k,
                generate_series(1, k.n::int) g`,
      );
      const response = await t
        .http()
        .get('/api/v1/stats/overview?from=2026-03-01&to=2026-03-31')
        .set(bearer(await t.adminToken()));
      expect(response.status).toBe(200);
      expect(response.body.medianDaysReportToFinal).toBe(expected[0].median);
    }
    expect(histograms.length).toBe(5);
  });
});
