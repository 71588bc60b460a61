import { FixedClock } from '@app/core';
import { actAll, caseTokens, CaseTokens, openCase } from '../support/case-helpers';
import { certifyBySql, createOfficer, officerIdOf } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const NOW = new Date('2026-03-10T15:00:00.000Z');

describe('hiring checks (e2e)', () => {
  let t: TestApp;
  const clock = new FixedClock(NOW);
  let tokens: CaseTokens;
  let agencyA: { id: string; name: string };
  let hiringA: string;
  let hiringB: string;

  const check = (token: string, body: unknown) =>
    t
      .http()
      .post('/api/v1/hiring-checks')
      .set(bearer(token))
      .send(body as object);
  const officer = async (name: Record<string, unknown>, certified = true) => {
    const created = await createOfficer(t, name);
    const officerId = await officerIdOf(t, created.postId);
    if (certified) await certifyBySql(t, officerId);
    return { postId: created.postId, officerId };
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    tokens = await caseTokens(t);
    agencyA = await t.createOrganization('agency');
    hiringA = await t.userToken(agencyA.id, ['agency_hiring']);
    hiringB = await t.userToken((await t.createOrganization('agency')).id, ['agency_hiring']);
  });
  beforeEach(() => clock.set(NOW));
  afterAll(() => t.close());

  describe('name matching (DOB exact, names tolerant)', () => {
    const people: Record<string, string> = {};
    beforeAll(async () => {
      people.kowalczyk = (await officer({ firstName: 'Jan', lastName: 'Kowalczyk', dateOfBirth: '1981-04-01' })).postId;
      people.smithJones = (await officer({ firstName: 'Mary', lastName: 'Smith-Jones', dateOfBirth: '1982-05-02' })).postId;
      people.garcia = (await officer({ firstName: 'José', lastName: 'García', dateOfBirth: '1983-06-03' })).postId;
      people.carter = (await officer({ firstName: 'John', middleName: 'Paul', lastName: 'Carter', dateOfBirth: '1984-07-04' })).postId;
      people.miller = (
        await officer({ firstName: 'Robert', lastName: 'Miller', dateOfBirth: '1985-08-05', aliases: [{ firstName: 'Bob', lastName: 'Miller' }] })
      ).postId;
      people.ohara = (
        await officer({ firstName: 'Maureen', lastName: 'Walsh', dateOfBirth: '1986-09-06', aliases: [{ firstName: 'Maureen', lastName: "O'Hara" }] })
      ).postId;
    });

    it.each<[string, string, string, string, string, string[]]>([
      ['exact', 'kowalczyk', 'Jan', 'Kowalczyk', '1981-04-01', ['exact_name']],
      ['misspelling (Kowalsky/Kowalczyk)', 'kowalczyk', 'Jan', 'Kowalsky', '1981-04-01', ['misspelling']],
      ['swapped first and last names', 'kowalczyk', 'Kowalczyk', 'Jan', '1981-04-01', ['swapped_names']],
      ['half of a hyphenated surname', 'smithJones', 'Mary', 'Jones', '1982-05-02', ['compound_surname']],
      ['hyphenated surname with a space', 'smithJones', 'Mary', 'Smith Jones', '1982-05-02', ['exact_name']],
      ['diacritics left out (José García/Jose Garcia)', 'garcia', 'Jose', 'Garcia', '1983-06-03', ['diacritics']],
      ['missing middle name', 'carter', 'John', 'Carter', '1984-07-04', ['exact_name']],
      ['middle name given in the first name', 'carter', 'John Paul', 'Carter', '1984-07-04', ['middle_name_ignored']],
      ['goes by the middle name (Paul Carter for John Paul Carter)', 'carter', 'Paul', 'Carter', '1984-07-04', ['known_by_middle_name']],
      ['goes by the middle name, names swapped', 'carter', 'Carter', 'Paul', '1984-07-04', ['swapped_names', 'known_by_middle_name']],
      ['nickname in the alias list', 'miller', 'Bob', 'Miller', '1985-08-05', ['exact_name', 'alias', 'nickname']],
      ['former name (name change) in the alias list', 'ohara', 'Maureen', "O'Hara", '1986-09-06', ['exact_name', 'alias']],
      ['former name without the apostrophe, misspelt', 'ohara', 'Maureen', 'Ohare', '1986-09-06', ['alias', 'misspelling']],
    ])('%s', async (_, who, firstName, lastName, dateOfBirth, reasons) => {
      const response = await check(hiringA, { firstName, lastName, dateOfBirth });
      expect(response.status).toBe(201);
      expect(response.body.matches).toHaveLength(1);
      expect(response.body.matches[0]).toMatchObject({ postId: people[who], matchReasons: reasons });
      expect(response.body.matches[0].matchScore).toBeGreaterThanOrEqual(0.45);
      expect(response.body.matches[0].matchScore).toBeLessThanOrEqual(1);
    });

    it('should find nobody when the date of birth differs by one day, however exact the name', async () => {
      const response = await check(hiringA, { firstName: 'Jan', lastName: 'Kowalczyk', dateOfBirth: '1981-04-02' });
      expect(response.status).toBe(201);
      expect(response.body.matches).toEqual([]);
    });

    it('should not match a different given name with the same surname and birth date (twins)', async () => {
      const response = await check(hiringA, { firstName: 'Piotr', lastName: 'Kowalczyk', dateOfBirth: '1981-04-01' });
      expect(response.body.matches).toEqual([]);
    });

    it('should show the alias that matched, and the current name', async () => {
      const response = await check(hiringA, { firstName: 'Bob', lastName: 'Miller', dateOfBirth: '1985-08-05' });
      expect(response.body.matches[0]).toMatchObject({ name: 'Robert Miller', matchedName: { firstName: 'Bob', lastName: 'Miller' } });
    });
  });

  it('should list two people with the same name and date of birth separately', async () => {
    const one = await officer({ firstName: 'David', lastName: 'Brown', dateOfBirth: '1979-02-14' });
    const two = await officer({ firstName: 'David', lastName: 'Brown', dateOfBirth: '1979-02-14' }, false);
    const response = await check(hiringA, { firstName: 'David', lastName: 'Brown', dateOfBirth: '1979-02-14' });
    expect(response.body.matches.map((m: { postId: string }) => m.postId).sort()).toEqual([one.postId, two.postId].sort());
    const byPost = Object.fromEntries(response.body.matches.map((m: { postId: string; hireable: boolean }) => [m.postId, m.hireable]));
    expect(byPost).toEqual({ [one.postId]: true, [two.postId]: false });
  });

  it('should answer a POST ID check exactly: certified is hireable, with its history', async () => {
    const { postId, officerId } = await officer({ firstName: 'Alice', lastName: 'Hart', dateOfBirth: '1990-01-01' });
    await t.db.query(`INSERT INTO employment (officer_id, agency_id, position, start_date) VALUES ($1, $2, 'Patrol', '2025-02-01')`, [officerId, agencyA.id]);
    const response = await check(hiringA, { postId: postId.toLowerCase() });
    expect(response.status).toBe(201);
    expect(response.body).toEqual({ id: expect.any(String), checkedAt: NOW.toISOString(), matches: [expect.any(Object)] });
    expect(response.body.matches[0]).toEqual({
      postId,
      name: 'Alice Hart',
      matchScore: 1,
      matchReasons: ['post_id'],
      certificationStatus: 'certified',
      hireable: true,
      reasons: [],
      warnings: [],
      openCases: 0,
      employmentHistory: [{ agency: agencyA.name, startDate: '2025-02-01', endDate: null }],
    });
  });

  it('should answer an unknown POST ID with no match, stored like any other check', async () => {
    const response = await check(hiringA, { postId: 'MA-999999' });
    expect(response.status).toBe(201);
    expect(response.body.matches).toEqual([]);
    expect((await t.db.query(`SELECT matched_officer_ids FROM hiring_check WHERE id = $1`, [response.body.id])).rows[0].matched_officer_ids).toEqual([]);
  });

  it('should refuse a revoked officer with the date and the case number', async () => {
    const { postId } = await officer({ firstName: 'Victor', lastName: 'Crane', dateOfBirth: '1977-03-03' });
    const opened = await openCase(t, tokens.investigator, { postId, grounds: ['felony_conviction'], summary: 'Convicted' });
    await actAll(t, opened.id, [
      [tokens.investigator, { action: 'issue_notice', proposedSanction: 'revoke', responseDueOn: '2026-03-24' }],
      [tokens.investigator, { action: 'record_response', summary: 'Waives', hearingRequested: false, waivesHearing: true }],
      [tokens.adjudicator, { action: 'decide', sanction: 'revoke', findings: [{ ground: 'felony_conviction', sustained: true }], reasoning: 'Conviction' }],
      [tokens.adjudicator, { action: 'finalize', appealWaived: true }],
    ]);
    const response = await check(hiringA, { firstName: 'Viktor', lastName: 'Crane', dateOfBirth: '1977-03-03' });
    expect(response.body.matches).toHaveLength(1);
    expect(response.body.matches[0]).toMatchObject({
      postId,
      certificationStatus: 'revoked',
      hireable: false,
      reasons: [{ code: 'revoked', since: '2026-03-10', caseNumber: opened.caseNumber }],
      warnings: [{ code: 'sustained_findings', count: 1 }],
      openCases: 0,
    });
  });

  it('should warn of open cases (a count), a separation under investigation, sustained findings and a past relinquishment', async () => {
    const { postId, officerId } = await officer({ firstName: 'Wendy', lastName: 'Stone', dateOfBirth: '1988-11-11' });
    const other = await t.createOrganization('agency');
    await t.db.query(
      `INSERT INTO employment (officer_id, agency_id, position, start_date, end_date, separation_nature, separation_reason, under_investigation, separation_notes)
       VALUES ($1, $2, 'Sergeant', '2020-01-01', '2025-12-31', 'resigned', 'Personal reasons', true, 'Internal affairs file IA-77')`,
      [officerId, other.id],
    );
    await openCase(t, tokens.investigator, { postId });
    await openCase(t, tokens.investigator, { postId });
    const report = await t.db.query(
      `INSERT INTO misconduct_report (agency_id, officer_id, received_on, filed_on, due_on, late, created_by)
       VALUES ($1, $2, '2025-06-01', '2025-06-02', '2025-06-03', false, 'test') RETURNING id`,
      [other.id, officerId],
    );
    await t.db.query(
      `INSERT INTO misconduct_report_version (report_id, version, incident_date, categories, summary, agency_finding, recorded_by)
       VALUES ($1, 1, '2025-05-20', ARRAY['excessive_force'], 'Force report', 'sustained', 'test')`,
      [report.rows[0].id],
    );
    await t.db.query(
      `INSERT INTO certification_history (officer_id, from_status, to_status, reason, basis, effective_on) VALUES ($1, 'certified', 'relinquished', 'relinquishment', 'test', '2024-01-01')`,
      [officerId],
    );
    const response = await check(hiringA, { postId });
    const match = response.body.matches[0];
    expect(match.hireable).toBe(true);
    expect(match.openCases).toBe(2);
    expect(match.warnings).toEqual([
      { code: 'open_case', count: 2 },
      { code: 'separated_under_investigation', agency: other.name, date: '2025-12-31' },
      { code: 'sustained_findings', count: 1 },
      { code: 'previously_relinquished' },
    ]);
    expect(match.employmentHistory).toEqual([{ agency: other.name, startDate: '2020-01-01', endDate: '2025-12-31', separationNature: 'resigned' }]);
    // Open cases are a count only; the other agency's separation reason and notes are not ours to read.
    expect(JSON.stringify(response.body)).not.toMatch(/IA-77|Personal reasons|Pattern of complaints/);
  });

  describe('storage, audit and visibility', () => {
    it('should store the question (date of birth included) and audit it without the date of birth', async () => {
      await officer({ firstName: 'Nora', lastName: 'Quinn', dateOfBirth: '1991-12-24' });
      const response = await check(hiringA, { firstName: 'Nora', lastName: 'Quin', dateOfBirth: '1991-12-24' });
      const { rows } = await t.db.query(
        `SELECT agency_id, actor_id, checked_at, query, answer, cardinality(matched_officer_ids) AS n FROM hiring_check WHERE id = $1`,
        [response.body.id],
      );
      expect(rows[0]).toMatchObject({ agency_id: agencyA.id, query: { firstName: 'Nora', lastName: 'Quin', dateOfBirth: '1991-12-24' }, n: 1 });
      expect(rows[0].answer.matches).toEqual(response.body.matches);
      const audit = await t.db.query(`SELECT organization_id, details FROM audit_log WHERE action = 'hiring_check.create' AND entity_id = $1`, [
        response.body.id,
      ]);
      expect(audit.rows).toEqual([{ organization_id: agencyA.id, details: { byPostId: false, matchCount: 1 } }]);
      const leaked = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE details::text LIKE '%1991-12-24%'`);
      expect(leaked.rows[0].n).toBe(0);
      await expect(t.db.query(`UPDATE hiring_check SET answer = '{}' WHERE id = $1`, [response.body.id])).rejects.toThrow();
    });

    it("should list only the caller agency's checks, newest first, paginated, without dates of birth", async () => {
      const agencyC = await t.createOrganization('agency');
      const hiringC = await t.userToken(agencyC.id, ['agency_hiring']);
      const first = await check(hiringC, { postId: 'MA-999998' });
      clock.set(new Date(NOW.getTime() + 60_000));
      const second = await check(hiringC, { firstName: 'Nobody', lastName: 'Known', dateOfBirth: '1970-01-01' });
      await check(hiringA, { postId: 'MA-999997' });

      const page1 = await t.http().get('/api/v1/hiring-checks?limit=1').set(bearer(hiringC));
      expect(page1.status).toBe(200);
      expect(page1.body.items.map((i: { id: string }) => i.id)).toEqual([second.body.id]);
      expect(page1.body.items[0]).toMatchObject({ query: { firstName: 'Nobody', lastName: 'Known' }, matchCount: 0, checkedBy: { kind: 'user' } });
      expect(page1.body.items[0].query.dateOfBirth).toBeUndefined();
      const page2 = await t.http().get(`/api/v1/hiring-checks?limit=1&cursor=${page1.body.nextCursor}`).set(bearer(hiringC));
      expect(page2.body).toEqual({ items: [expect.objectContaining({ id: first.body.id })], nextCursor: null });
      const forged = await t.http().get('/api/v1/hiring-checks?cursor=bm9wZQ').set(bearer(hiringC));
      expect({ status: forged.status, code: forged.body.code }).toEqual({ status: 400, code: 'PAGINATION.INVALID_CURSOR' });
    });

    it('should replay a check sent again with the same Idempotency-Key instead of storing a second one', async () => {
      const body = { firstName: 'Key', lastName: 'Holder', dateOfBirth: '1974-04-04' };
      const first = await check(hiringA, body).set('Idempotency-Key', 'check-key-1');
      const again = await check(hiringA, body).set('Idempotency-Key', 'check-key-1');
      expect([first.status, again.status]).toEqual([201, 201]);
      expect(again.body).toEqual(first.body);
      expect((await check(hiringA, { ...body, dateOfBirth: '1974-04-05' }).set('Idempotency-Key', 'check-key-1')).status).toBe(409);
      const stored = await t.db.query(`SELECT count(*)::int AS n FROM hiring_check WHERE query->>'lastName' = 'Holder'`);
      expect(stored.rows[0].n).toBe(1);
      // The replayed answer is a read of the check: audited (DOMAIN.md "Audit"); the refused reuse is not a read.
      const audit = await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [first.body.id]);
      expect(audit.rows.map((r: { action: string }) => r.action)).toEqual(['hiring_check.create', 'hiring_check.replay']);
    });

    it("should show a check to its agency and answer another agency's id with 404, audited", async () => {
      const response = await check(hiringA, { firstName: 'Some', lastName: 'One', dateOfBirth: '1975-05-05' });
      const own = await t.http().get(`/api/v1/hiring-checks/${response.body.id}`).set(bearer(hiringA));
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ id: response.body.id, query: { firstName: 'Some', lastName: 'One', dateOfBirth: '1975-05-05' }, matches: [] });
      const foreign = await t.http().get(`/api/v1/hiring-checks/${response.body.id}`).set(bearer(hiringB));
      expect(foreign.status).toBe(404);
      expect(JSON.stringify(foreign.body)).not.toContain('1975');
      const unknown = await t.http().get('/api/v1/hiring-checks/00000000-0000-4000-8000-000000000000').set(bearer(hiringB));
      expect(unknown.status).toBe(404);
      expect(unknown.body.detail).toBe(foreign.body.detail);
      await t.foldAudit();
      const audit = await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY seq`, [response.body.id]);
      expect(audit.rows.map((r: { action: string }) => r.action)).toEqual(['hiring_check.create', 'hiring_check.read', 'access.refused']);
      expect((await t.http().get('/api/v1/hiring-checks').set(bearer(hiringB))).body.items.map((i: { id: string }) => i.id)).not.toContain(response.body.id);
    });
  });

  describe('bad input: a precise 400 or an empty answer, never a 500', () => {
    const dob = '1969-06-30'; // nobody in this database is born that day
    it.each<[string, Record<string, unknown>, number, string | null]>([
      ['LIKE wildcards only', { firstName: '%', lastName: '%', dateOfBirth: dob }, 400, 'firstName'],
      ['underscores only', { firstName: '_', lastName: '__', dateOfBirth: dob }, 400, 'lastName'],
      ['LIKE wildcards inside a name', { firstName: 'Jo%n', lastName: 'Sm_th', dateOfBirth: dob }, 201, null],
      ['SQL quote', { firstName: "O'Brien", lastName: "x' OR '1'='1", dateOfBirth: dob }, 201, null],
      ['backslashes', { firstName: 'A\\', lastName: '\\\\B', dateOfBirth: dob }, 201, null],
      ['one-letter names', { firstName: 'J', lastName: 'K', dateOfBirth: dob }, 201, null],
      ['a 10,000-character name', { firstName: 'A'.repeat(10_000), lastName: 'Smith', dateOfBirth: dob }, 400, 'firstName'],
      ['an impossible date', { firstName: 'John', lastName: 'Smith', dateOfBirth: '1995-02-30' }, 400, 'dateOfBirth'],
      ['a date in the future', { firstName: 'John', lastName: 'Smith', dateOfBirth: '2030-01-01' }, 400, 'dateOfBirth'],
      ['no date of birth', { firstName: 'John', lastName: 'Smith' }, 400, 'dateOfBirth'],
      ['both shapes at once', { postId: 'MA-000001', firstName: 'John', lastName: 'Smith', dateOfBirth: dob }, 400, 'postId'],
      ['neither shape', {}, 400, 'postId'],
      ['a malformed POST ID', { postId: "MA-%' OR 1=1" }, 400, 'postId'],
      ['an unknown field', { postId: 'MA-000001', ssn: '1234' }, 400, null],
      ['a control character', { firstName: 'Jo\u0000hn', lastName: 'Smith', dateOfBirth: dob }, 400, 'firstName'],
      ['a non-string name', { firstName: 42, lastName: 'Smith', dateOfBirth: dob }, 400, 'firstName'],
      // U+02BC is a letter to Unicode and an apostrophe to the matcher: no name is left to match.
      ['a modifier-letter apostrophe alone', { firstName: 'John', lastName: '\u02BC\u02BC', dateOfBirth: dob }, 400, 'lastName'],
    ])('%s', async (_, body, status, field) => {
      const response = await check(hiringA, body);
      expect(response.status).toBe(status);
      if (status === 201) expect(response.body.matches).toEqual([]);
      if (field) expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    });

    it('should give wildcards, quotes and backslashes no meaning: they never widen a match', async () => {
      const { postId } = await officer({ firstName: 'John', lastName: 'Smith', dateOfBirth: '1968-01-31' });
      const dateOfBirth = '1968-01-31';
      for (const [firstName, lastName] of [
        ['J%', 'S%'],
        ['%J%', '%S%'],
        ['J_', 'S__'],
        ["J' OR '1'='1", "S' --"],
        ['J\\%', 'S\\_'],
        ['J', 'S'],
      ]) {
        const response = await check(hiringA, { firstName, lastName, dateOfBirth });
        expect({ firstName, lastName, status: response.status, matches: response.body.matches }).toEqual({ firstName, lastName, status: 201, matches: [] });
      }
      const control = await check(hiringA, { firstName: 'John', lastName: 'Smith', dateOfBirth });
      expect(control.body.matches.map((m: { postId: string }) => m.postId)).toEqual([postId]);
    });

    it('should refuse commission, academy and anonymous callers', async () => {
      const academy = await t.userToken((await t.createOrganization('academy')).id, ['academy_registrar']);
      expect((await check(academy, { postId: 'MA-000001' })).status).toBe(403);
      expect((await check(tokens.commissionAdmin, { postId: 'MA-000001' })).status).toBe(403);
      expect((await t.http().post('/api/v1/hiring-checks').send({ postId: 'MA-000001' })).status).toBe(401);
    });
  });
});
