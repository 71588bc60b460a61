import { FixedClock } from '@app/core';
import { certifyBySql, createOfficer, officerIdOf } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * registry_tally (migration 1767000050100): the counts GET /stats/overview reads are kept by
 * statement triggers on certification, commission_case and case_event. After inserts, updates
 * (one row, many rows, no status change), deletes and the read's fold, every tally must equal a
 * count of the rows themselves.
 */
describe('registry tallies (e2e)', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date('2026-06-15T15:00:00.000Z'));
  beforeAll(async () => {
    t = await startTestApp({ clock });
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
});
