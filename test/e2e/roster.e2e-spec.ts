import { FixedClock } from '@app/core';
import { parse } from 'csv-parse/sync';
import { certifyBySql, createOfficer, insertEmployment, insertOfficers, officerIdOf } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const NOW = new Date('2026-06-15T15:00:00.000Z');
const COLUMNS = ['postId', 'name', 'position', 'startDate', 'certificationStatus', 'expiresOn', 'hireable'];

/** API.md "Monitoring: rosters and webhooks": GET /organizations/:id/officers. */
describe('agency rosters (e2e)', () => {
  let t: TestApp;
  const clock = new FixedClock(NOW);
  let agencyA: { id: string };
  let agencyB: { id: string };
  let academy: { id: string };
  let tokens: Record<'adminA' | 'hiringA' | 'adminB' | 'registrar' | 'investigator', string>;
  /** Agency A's roster as the service must show it, by POST ID. */
  const expected: Record<string, unknown>[] = [];
  const named: Record<string, string> = {};

  const roster = (token: string, agencyId: string, query = '') => t.http().get(`/api/v1/organizations/${agencyId}/officers${query}`).set(bearer(token));

  const employ = async (key: string, certification: ((officerId: string) => Promise<void>) | null, entry: Record<string, unknown>, agencyId = agencyA.id) => {
    const officer = await createOfficer(t, { firstName: 'Roster', lastName: `Officer${key}` });
    const officerId = await officerIdOf(t, officer.postId);
    if (certification) await certification(officerId);
    await insertEmployment(t, officerId, agencyId, '2025-03-01');
    named[key] = officer.postId;
    if (agencyId === agencyA.id)
      expected.push({ postId: officer.postId, name: `Roster Officer${key}`, position: 'Patrol officer', startDate: '2025-03-01', ...entry });
    return officerId;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    agencyA = await t.createOrganization('agency');
    agencyB = await t.createOrganization('agency');
    academy = await t.createOrganization('academy');
    tokens = {
      adminA: await t.userToken(agencyA.id, ['agency_admin']),
      hiringA: await t.userToken(agencyA.id, ['agency_hiring']),
      adminB: await t.userToken(agencyB.id, ['agency_admin']),
      registrar: await t.userToken(academy.id, ['academy_registrar']),
      investigator: await t.userToken(await t.commissionId(), ['commission_investigator']),
    };
    await employ('Current', (id) => certifyBySql(t, id, { issuedOn: '2025-01-02', expiresOn: '2028-01-01' }), {
      certificationStatus: 'certified',
      expiresOn: '2028-01-01',
      hireable: true,
    });
    await employ('Expiring', (id) => certifyBySql(t, id, { issuedOn: '2023-07-01', expiresOn: '2026-07-01' }), {
      certificationStatus: 'certified',
      expiresOn: '2026-07-01',
      hireable: true,
    });
    // The term ended on 2026-06-01 and no job recorded it: reads lapsed (DOMAIN.md).
    await employ('Ended', (id) => certifyBySql(t, id, { issuedOn: '2023-06-01', expiresOn: '2026-06-01' }), {
      certificationStatus: 'lapsed',
      expiresOn: '2026-06-01',
      hireable: false,
    });
    await employ('Recruit', null, { certificationStatus: 'not_certified', expiresOn: null, hireable: false });
    // A 30-day suspension that ended on 2026-06-10: reads as the certification it hid.
    await employ(
      'Served',
      async (id) => {
        await certifyBySql(t, id, { issuedOn: '2025-01-02', expiresOn: '2028-01-01' });
        await t.db.query(
          `UPDATE certification SET status = 'suspended', status_before_suspension = 'certified', suspension_ends_on = '2026-06-10' WHERE officer_id = $1`,
          [id],
        );
      },
      { certificationStatus: 'certified', expiresOn: '2028-01-01', hireable: true },
    );
    await employ(
      'Suspended',
      async (id) => {
        await certifyBySql(t, id, { issuedOn: '2025-01-02', expiresOn: '2028-01-01' });
        await t.db.query(`UPDATE certification SET status = 'suspended', status_before_suspension = 'certified' WHERE officer_id = $1`, [id]);
      },
      { certificationStatus: 'suspended', expiresOn: '2028-01-01', hireable: false },
    );
    // Separated from A: not a current employee. Employed by B only: not A's.
    const leftId = await employ('Left', (id) => certifyBySql(t, id), {});
    expected.pop();
    await t.db.query(
      `UPDATE employment SET end_date = '2026-01-31', separation_nature = 'resigned', separation_reason = 'moved', under_investigation = false WHERE officer_id = $1`,
      [leftId],
    );
    await employ('Elsewhere', (id) => certifyBySql(t, id), {}, agencyB.id);
    expected.sort((a, b) => String(a.postId).localeCompare(String(b.postId)));
  });
  afterAll(() => t.close());

  it("lists the agency's current employees by POST ID with the status each reads today, to its users and the commission", async () => {
    for (const token of [tokens.adminA, tokens.hiringA, await t.adminToken(), tokens.investigator]) {
      const response = await roster(token, agencyA.id);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ items: expected, nextCursor: null });
    }
  });

  it.each([
    ['?status=certified', ['Current', 'Expiring', 'Served']],
    ['?status=lapsed', ['Ended']],
    ['?status=suspended', ['Suspended']],
    ['?status=revoked', []],
    ['?expiringWithinDays=30', ['Expiring']],
    ['?expiringWithinDays=16', ['Expiring']],
    ['?expiringWithinDays=15', []],
    ['?status=certified&expiringWithinDays=3660', ['Current', 'Expiring', 'Served']],
    ['?status=lapsed&expiringWithinDays=30', []],
  ])('filters %s', async (query, keys) => {
    const response = await roster(tokens.adminA, agencyA.id, query);
    expect(response.status).toBe(200);
    expect(response.body.items.map((item: { postId: string }) => item.postId)).toEqual(keys.map((key) => named[key]).sort());
  });

  it('pages with a keyset cursor, every employee once', async () => {
    const seen: unknown[] = [];
    let cursor: string | null = '';
    let pages = 0;
    while (cursor !== null) {
      const response = await roster(tokens.adminA, agencyA.id, `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(response.status).toBe(200);
      expect(response.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...response.body.items);
      cursor = response.body.nextCursor;
      pages += 1;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
  });

  it('answers Accept: text/csv with the same rows as CSV', async () => {
    const response = await roster(tokens.adminA, agencyA.id).set('Accept', 'text/csv');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    const rows = parse<Record<string, string>>(response.text, { columns: true });
    expect(Object.keys(rows[0])).toEqual(COLUMNS);
    expect(rows).toEqual(expected.map((entry) => Object.fromEntries(COLUMNS.map((c) => [c, entry[c] === null ? '' : String(entry[c] as string | boolean)]))));
    const filtered = await roster(tokens.adminA, agencyA.id, '?status=lapsed').set('Accept', 'text/csv');
    expect(parse(filtered.text, { columns: true })).toEqual([
      expect.objectContaining({ postId: named.Ended, certificationStatus: 'lapsed', hireable: 'false' }),
    ]);
  });

  it('streams every page of a large roster into one CSV file, formulas escaped', async () => {
    const big = await t.createOrganization('agency');
    const postIds = await insertOfficers(t.db, 1205);
    await t.db.query(
      `INSERT INTO employment (officer_id, agency_id, position, start_date)
       SELECT id, $2, '=HYPERLINK("http://x")', '2024-01-01' FROM officer WHERE post_id = ANY($1::text[])`,
      [postIds, big.id],
    );
    const response = await roster(await t.adminToken(), big.id).set('Accept', 'text/csv');
    expect(response.status).toBe(200);
    const rows = parse<Record<string, string>>(response.text, { columns: true });
    expect(rows.map((row) => row.postId)).toEqual([...postIds].sort());
    expect(new Set(rows.map((row) => row.position))).toEqual(new Set([`'=HYPERLINK("http://x")`]));
  });

  it("answers another agency's user, an unknown agency and a non-agency with the same 404, and audits the refusal", async () => {
    const refused = await roster(tokens.adminB, agencyA.id);
    expect(refused.status).toBe(404);
    expect(refused.body.type).toBeDefined();
    const refusedCsv = await roster(tokens.adminB, agencyA.id).set('Accept', 'text/csv');
    expect(refusedCsv.status).toBe(404);
    expect(refusedCsv.headers['content-type']).toMatch(/^application\/problem\+json/);
    for (const id of ['00000000-0000-4000-8000-000000000000', academy.id, await t.commissionId()]) {
      const response = await roster(await t.adminToken(), id);
      expect({ id, status: response.status, code: response.body.code }).toEqual({ id, status: 404, code: refused.body.code });
    }
    await t.foldAudit();
    const { rows } = await t.db.query(
      `SELECT entity_type, entity_id, details FROM audit_log WHERE action = 'access.refused' AND details->>'attempt' = 'roster.read'`,
    );
    expect(rows).toEqual(
      expect.arrayContaining([{ entity_type: 'organization', entity_id: agencyA.id, details: expect.objectContaining({ code: 'ROSTER.NOT_FOUND' }) }]),
    );
    // An academy's role is not one that reads rosters at all: the role guard's 403.
    expect((await roster(tokens.registrar, agencyA.id)).status).toBe(403);
  });

  it.each([
    ['an unknown parameter', '?agency=x'],
    ['an unknown status', '?status=active'],
    ['a zero window', '?expiringWithinDays=0'],
    ['a window that is no number', '?expiringWithinDays=soon'],
    ['a window over ten years', '?expiringWithinDays=3661'],
    ['a limit over 500', '?limit=501'],
    ['a cursor it did not issue', '?cursor=%00'],
  ])('refuses %s with 400', async (_, query) => {
    const response = await roster(tokens.adminA, agencyA.id, query);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('refuses an id that is not a UUID with 400', async () => {
    expect((await roster(tokens.adminA, 'not-a-uuid')).status).toBe(400);
  });
});
