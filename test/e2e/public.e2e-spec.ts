import { FixedClock } from '@app/core';
import { parse } from 'csv-parse/sync';
import { actAll, caseTokens, CaseTokens, openCase } from '../support/case-helpers';
import { certifyBySql, createOfficer, insertEmployment, insertOfficers, officerIdOf } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** A Tuesday; NOTICE_MIN_DAYS 14 puts the earliest response day on 2026-03-24. */
const NOW = new Date('2026-03-10T15:00:00.000Z');
/** Restricted values given to every officer here: none may appear in any public body. */
const RESTRICTED = { dateOfBirth: '1971-07-29', ssnLast4: '7391' };
const SECRET_SUMMARY = 'Confidential inquiry 5X7Q';

/** The public portal (API.md "Public", DOMAIN.md "What is public"): no credentials, nothing restricted. */
describe('public portal (e2e)', () => {
  let t: TestApp;
  let tokens: CaseTokens;
  const officers = {} as Record<'revoked' | 'pending' | 'interim' | 'recruit' | 'aliased', { postId: string; id: string }>;
  let revokedCaseNumber: string;
  let bulkTag: string;
  const notice = { action: 'issue_notice', proposedSanction: 'revoke', responseDueOn: '2026-03-24' };
  const waiver = { action: 'record_response', summary: 'Waives the hearing', hearingRequested: false, waivesHearing: true };
  const findings = [{ ground: 'unprofessional_conduct_pattern', sustained: true }];

  async function agency(name: string) {
    const code = `AG${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
    const response = await t
      .http()
      .post('/api/v1/organizations')
      .set(bearer(await t.adminToken()))
      .send({ type: 'agency', name, code });
    expect(response.status).toBe(201);
    return response.body.id as string;
  }
  async function officer(firstName: string, lastName: string, extra: Record<string, unknown> = {}) {
    const { postId } = await createOfficer(t, { firstName, lastName, ...RESTRICTED, ...extra });
    return { postId, id: await officerIdOf(t, postId) };
  }

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(NOW) });
    tokens = await caseTokens(t);
    const oldAgency = await agency('Springfield PD, "North" Division');
    const newAgency = await agency('=HYPERLINK("http://evil") PD');

    // Certified 2015, two agencies, revoked in a final case.
    officers.revoked = await officer('Katherine', 'Donnelly');
    await certifyBySql(t, officers.revoked.id, { issuedOn: '2024-01-02', expiresOn: '2027-01-01' });
    await t.db.query(`UPDATE certification SET first_certified_on = '2015-06-01' WHERE officer_id = $1`, [officers.revoked.id]);
    await t.db.query(
      `INSERT INTO employment (officer_id, agency_id, position, start_date, end_date, separation_nature, separation_reason, under_investigation, separation_notes)
       VALUES ($1, $2, 'Patrol officer', '2015-06-01', '2020-12-31', 'resigned', 'Moved', true, 'RESTRICTED-NOTE')`,
      [officers.revoked.id, oldAgency],
    );
    await insertEmployment(t, officers.revoked.id, newAgency, '2021-01-04');
    const revokeCase = await openCase(t, tokens.investigator, { postId: officers.revoked.postId, summary: 'Pattern of complaints' });
    revokedCaseNumber = revokeCase.caseNumber;
    await actAll(t, revokeCase.id, [
      [tokens.investigator, notice],
      [tokens.investigator, waiver],
      [tokens.adjudicator, { action: 'decide', sanction: 'revoke', findings, reasoning: 'Pattern shown' }],
      [tokens.adjudicator, { action: 'finalize', appealWaived: true }],
    ]);

    // Decided (suspension) but still within the appeal window: under review, nothing published.
    officers.pending = await officer('Bartholomew', 'Quigley');
    await certifyBySql(t, officers.pending.id);
    const pendingCase = await openCase(t, tokens.investigator, { postId: officers.pending.postId });
    await actAll(t, pendingCase.id, [
      [tokens.investigator, notice],
      [tokens.investigator, waiver],
      [tokens.adjudicator, { action: 'decide', sanction: 'suspend', suspensionDays: 30, findings, reasoning: 'Pattern shown' }],
    ]);

    // Interim suspension in an open case: `suspended`, with no grounds and no case details.
    officers.interim = await officer('Ottoline', 'Wexford');
    await certifyBySql(t, officers.interim.id);
    const interimCase = await openCase(t, tokens.investigator, { postId: officers.interim.postId, summary: SECRET_SUMMARY });
    await actAll(t, interimCase.id, [[tokens.adjudicator, { action: 'interim_suspend', trigger: 'felony_charge', reason: SECRET_SUMMARY }]]);

    // A recruit: never certified, never employed, not in the public database.
    officers.recruit = await officer('Zebulon', 'Recruitson');

    // Known before by another name; employed, never certified.
    officers.aliased = await officer('Mariana', 'Castellanos', { aliases: [{ firstName: 'Mariana', lastName: 'Featherstonehaugh' }] });
    await insertEmployment(t, officers.aliased.id, newAgency, '2025-09-01');

    // 25 listed officers sharing a name, for pagination.
    const bulk = await insertOfficers(t.db, 25);
    bulkTag = (await t.db.query(`SELECT last_name FROM officer WHERE post_id = $1`, [bulk[0]])).rows[0].last_name.replace(/\d+$/, '');
    await t.db.query(
      `UPDATE certification SET status = 'certified', issued_on = '2025-01-02', expires_on = '2028-01-01', first_certified_on = '2025-01-02'
        WHERE officer_id IN (SELECT id FROM officer WHERE post_id = ANY($1))`,
      [bulk],
    );
  });
  afterAll(() => t.close());

  const search = (query: Record<string, string>) => t.http().get('/api/v1/public/officers').query(query);
  const detail = (postId: string) => t.http().get(`/api/v1/public/officers/${encodeURIComponent(postId)}`);
  const expectNothingRestricted = (raw: string) => {
    for (const value of [
      RESTRICTED.dateOfBirth,
      RESTRICTED.ssnLast4,
      SECRET_SUMMARY,
      'RESTRICTED-NOTE',
      revokedCaseNumber,
      'dateOfBirth',
      'ssnLast4',
      'openCases',
      'caseNumber',
    ]) {
      expect(raw).not.toContain(value);
    }
  };

  describe('officer record', () => {
    it('should show a revoked officer with every agency and the final revocation, without credentials', async () => {
      const response = await detail(officers.revoked.postId);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        postId: officers.revoked.postId,
        name: 'Katherine Donnelly',
        certificationStatus: 'revoked',
        firstCertifiedOn: '2015-06-01',
        lastCertifiedOn: '2024-01-02',
        agencies: [
          { name: 'Springfield PD, "North" Division', startDate: '2015-06-01', endDate: '2020-12-31' },
          { name: '=HYPERLINK("http://evil") PD', startDate: '2021-01-04', endDate: null },
        ],
        publicActions: [
          { type: 'revocation', effectiveOn: '2026-03-10', endsOn: null, groundCategory: 'unprofessional_conduct', agency: '=HYPERLINK("http://evil") PD' },
        ],
      });
      expectNothingRestricted(response.text);
    });

    it('should read lapsed once the term has ended, before any job recorded it, on the page and in the search alike', async () => {
      const expired = await officer('Perpetua', 'Lanchester');
      await certifyBySql(t, expired.id, { issuedOn: '2022-01-03', expiresOn: '2026-03-10' }); // the term ends today (NOW)
      const page = await detail(expired.postId);
      expect(page.body).toMatchObject({ certificationStatus: 'lapsed', firstCertifiedOn: '2022-01-03', lastCertifiedOn: '2022-01-03' });
      const found = (await search({ name: 'Perpetua Lanchester' })).body.items.find((o: { postId: string }) => o.postId === expired.postId);
      expect(found).toEqual(page.body);
    });

    it('should read under_review while a decision can still be appealed, and publish nothing of it yet', async () => {
      const response = await detail(officers.pending.postId);
      expect(response.body).toMatchObject({ certificationStatus: 'under_review', publicActions: [] });
      expectNothingRestricted(response.text);
    });

    // A reprimand or "no action" is never published, final or not: "under review" during its
    // appeal window would disclose the case (DOMAIN.md "What is public": open cases, findings
    // that did not lead to a final action).
    it.each(['reprimand', 'no_action'])('should show nothing of a %s decision within its appeal window', async (sanction) => {
      const reprimanded = await officer('Cornelius', `Ashdown-${sanction.replace('_', '')}`);
      await certifyBySql(t, reprimanded.id);
      const reprimandCase = await openCase(t, tokens.investigator, { postId: reprimanded.postId, summary: SECRET_SUMMARY });
      await actAll(t, reprimandCase.id, [
        [tokens.investigator, { ...notice, proposedSanction: 'reprimand' }],
        [tokens.investigator, waiver],
        [
          tokens.adjudicator,
          { action: 'decide', sanction, findings: findings.map((f) => ({ ...f, sustained: sanction !== 'no_action' })), reasoning: 'Decided' },
        ],
      ]);
      const response = await detail(reprimanded.postId);
      expect(response.body).toMatchObject({ certificationStatus: 'certified', publicActions: [] });
      expectNothingRestricted(response.text);
    });

    it('should show an interim suspension as suspended with no grounds and nothing of the open case', async () => {
      const response = await detail(officers.interim.postId);
      expect(response.body).toMatchObject({ certificationStatus: 'suspended', publicActions: [] });
      expectNothingRestricted(response.text);
    });

    it('should answer 404 for an unknown POST ID and for a recruit never certified or employed, 400 for a malformed one', async () => {
      for (const postId of ['MA-999999', officers.recruit.postId]) {
        const response = await detail(postId);
        expect(response.status).toBe(404);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body).toMatchObject({ status: 404, code: 'PUBLIC.OFFICER_NOT_FOUND' });
      }
      for (const postId of ["MA-1' OR '1'='1", 'x'.repeat(99), '%', '_', '\\']) {
        const response = await detail(postId);
        expect(response.status).toBe(400);
        expect(response.body.errors).toEqual([{ field: 'postId', message: 'postId must look like MA-000042' }]);
      }
      // Fastify refuses path parameters over 1,000 characters (create-app.ts) before routing: a bare 414.
      expect((await detail('x'.repeat(10_000))).status).toBe(414);
      const lowerCase = await detail(officers.revoked.postId.toLowerCase());
      expect(lowerCase.status).toBe(200);
      expect(lowerCase.body.postId).toBe(officers.revoked.postId);
    });
  });

  describe('name search', () => {
    it('should find a misspelled name, best match first, with the whole public record', async () => {
      const response = await search({ name: 'Kathryn Donelly' });
      expect(response.status).toBe(200);
      expect(response.body.items[0]).toMatchObject({ postId: officers.revoked.postId, name: 'Katherine Donnelly', certificationStatus: 'revoked' });
      expect(response.body.items[0].publicActions).toHaveLength(1);
      expectNothingRestricted(response.text);
    });

    it('should find by part of a name, swapped names, and a prior name (showing the current one)', async () => {
      expect((await search({ name: 'donnelly' })).body.items.map((o: { postId: string }) => o.postId)).toContain(officers.revoked.postId);
      expect((await search({ name: 'Quigley Bartholomew' })).body.items[0].postId).toBe(officers.pending.postId);
      const alias = await search({ name: 'Featherstonehaugh' });
      expect(alias.body.items).toEqual([
        expect.objectContaining({ postId: officers.aliased.postId, name: 'Mariana Castellanos', certificationStatus: 'not_certified' }),
      ]);
      expect(alias.text).not.toContain('Featherstonehaugh');
    });

    it('should find an officer by the middle name they go by, once, under the full name', async () => {
      // A short surname, so that the surname alone could not carry the match.
      const known = await officer('Wei', 'Oy', { middleName: 'Barnabus' });
      await certifyBySql(t, known.id);
      const response = await search({ name: 'Barnabus Oy' });
      expect(response.body.items).toEqual([expect.objectContaining({ postId: known.postId, name: 'Wei Barnabus Oy' })]);
    });

    it('should find a nickname and a transposed given name as the hiring check does, and not a different person (issue 21)', async () => {
      const listed = async (firstName: string, lastName: string) => {
        const created = await officer(firstName, lastName);
        await certifyBySql(t, created.id);
        return created.postId;
      };
      const william = await listed('William', 'Smith');
      // Sounds like "Bill" (PL): the sound-alike path answered with Paul alone, hiding William.
      const paul = await listed('Paul', 'Smith');
      const margaret = await listed('Margaret', 'Smith');
      const john = await listed('John', 'Smith');
      const ian = await listed('Ian', 'Wu');
      const ivan = await listed('Ivan', 'Wu');
      const found = async (name: string) => (await search({ name })).body.items.map((o: { postId: string }) => o.postId);
      const bill = await found('Bill Smith');
      expect(bill).toEqual(expect.arrayContaining([william, paul]));
      expect(bill).not.toContain(margaret);
      expect(await found('Jhon Smith')).toContain(john);
      // A short name: trigrams share nothing of "ain" and "ian" (whole-name similarity 0.27).
      expect(await found('Ain Wu')).toEqual([ian]);
      expect(await found('Ain Wu')).not.toContain(ivan);
    });

    it('should not list a recruit who never served nor was certified', async () => {
      expect((await search({ name: 'Zebulon Recruitson' })).body).toEqual({ items: [], nextCursor: null });
    });

    it('should page with a keyset cursor: no repeats, no gaps, limit 1 to 500 as API.md lists have', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const response = await search({ name: `bulk ${bulkTag}`, limit: '10', ...(cursor ? { cursor } : {}) });
        expect(response.status).toBe(200);
        seen.push(...response.body.items.map((o: { postId: string }) => o.postId));
        cursor = response.body.nextCursor ?? undefined;
        pages += 1;
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toHaveLength(25);
      expect(new Set(seen).size).toBe(25);
      expect((await search({ name: 'bulk', limit: '501' })).status).toBe(400);
      expect((await search({ name: 'bulk', limit: '500' })).status).toBe(200);
      // Without a limit, API.md's default of 50: the 25 bulk officers fit on one page.
      const whole = await search({ name: `bulk ${bulkTag}` });
      expect(whole.body.items.length).toBeGreaterThanOrEqual(25);
      expect(whole.body.items.length).toBeLessThanOrEqual(50);
      expect((await search({ name: 'bulk', limit: '0' })).status).toBe(400);
    });

    it('should page close, then looser, then weak matches exactly as one page holding them all', async () => {
      // One word, or words that sound like no registered name, go through the trigram steps: the
      // search narrows first (similarity 0.7, then 0.5) and widens only when a page is not filled
      // above the step's rank. Two words that sound like a registered family and given name are
      // answered surname-first (issue 21): only those sound-alikes, ranked the same way.
      const names = [
        ['Persimmon', 'Quackenbush'],
        ['Persimon', 'Quackenbush'],
        ['Persimmon', 'Quakenbush'],
        ['Simon', 'Quackenbush'],
        ['Perry', 'Quackenbush'],
        ['Persimmon', 'Smith'],
        ['Ann', 'Quackenbusch'],
      ];
      const expected: string[] = [];
      for (const [firstName, lastName] of names) {
        const created = await officer(firstName, lastName);
        await certifyBySql(t, created.id);
        expected.push(created.postId);
      }
      const ids = (response: { body: { items: { postId: string }[] } }) => response.body.items.map((o) => o.postId);
      // Surname-first: PRSM KKNP is Persimmon, Persimon / Quackenbush, Quakenbush; not Simon, Perry, Smith or Ann.
      expect(ids(await search({ name: 'Persimmon Quackenbush', limit: '50' }))).toEqual(expected.slice(0, 3));
      const whole = await search({ name: 'Quackenbush', limit: '50' });
      const inOnePage = ids(whole);
      expect(inOnePage).toEqual(expect.arrayContaining([...expected.slice(0, 5), expected[6]]));
      expect(inOnePage).not.toContain(expected[5]);

      for (const [name, onePage] of [
        ['Quackenbush', inOnePage],
        ['Persimmon Quackenbush', expected.slice(0, 3)],
      ] as const) {
        const paged: string[] = [];
        let cursor: string | undefined;
        do {
          const response = await search({ name, limit: '2', ...(cursor ? { cursor } : {}) });
          expect(response.status).toBe(200);
          paged.push(...ids(response));
          cursor = response.body.nextCursor ?? undefined;
        } while (cursor && paged.length < 100);
        expect(paged).toEqual(onePage);
      }
    });

    it.each([
      ['one letter', 'a', 'name must be 2 to 100 characters'],
      ['one letter in spaces', '  a  ', 'name must be 2 to 100 characters'],
      ['10,000 characters', 'x'.repeat(10_000), 'name must be 2 to 100 characters'],
      ['only LIKE metacharacters', '%_', 'name must contain at least 2 letters or digits'],
      ['quotes and a backslash', `'\\`, 'name must contain at least 2 letters or digits'],
      ['one letter and wildcards', '%a%', 'name must contain at least 2 letters or digits'],
    ])('should refuse %s with a 400 naming the field', async (_, name, message) => {
      const response = await search({ name });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.body.errors).toEqual([{ field: 'name', message }]);
    });

    it.each(['Donn%', 'Donn_lly', "O'Brien", "' OR '1'='1", "Donnelly'; DROP TABLE officer; --", 'Don\\nelly', '%%Donn%%'])(
      'should treat %p as text: a result list, never an error',
      async (name) => {
        const response = await search({ name });
        expect(response.status).toBe(200);
        expect(Array.isArray(response.body.items)).toBe(true);
      },
    );

    it('should treat LIKE wildcards literally, not as "anything"', async () => {
      // "%%%…x" would match every name if % reached a LIKE; it is only the letter x.
      expect((await search({ name: '%%' + 'x' })).status).toBe(400);
      const wildcard = await search({ name: 'zz%' });
      expect(wildcard.status).toBe(200);
      expect(wildcard.body.items).toEqual([]);
      expect((await t.db.query(`SELECT count(*)::int AS n FROM officer`)).rows[0].n).toBeGreaterThan(25);
    });

    it('should refuse a missing name, unknown parameters and a forged cursor', async () => {
      expect((await t.http().get('/api/v1/public/officers')).status).toBe(400);
      expect((await search({ name: 'Donnelly', dateOfBirth: RESTRICTED.dateOfBirth })).status).toBe(400);
      const forged = await search({ name: 'Donnelly', cursor: 'bm90LWEtY3Vyc29y' });
      expect({ status: forged.status, code: forged.body.code }).toEqual({ status: 400, code: 'PAGINATION.INVALID_CURSOR' });
      expect(forged.body.errors).toEqual([{ field: 'cursor', message: 'cursor is invalid' }]);
    });
  });

  describe('disciplinary actions CSV', () => {
    it('should list final actions only, as escaped CSV with a header row', async () => {
      const response = await t.http().get('/api/v1/public/disciplinary-actions.csv');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe('attachment; filename="disciplinary-actions.csv"');
      expect(response.text).toContain(`"'=HYPERLINK(""http://evil"") PD"`);
      const rows = parse(response.text);
      expect(rows).toEqual([
        ['postId', 'name', 'actionType', 'effectiveOn', 'endsOn', 'groundCategory', 'agency'],
        [officers.revoked.postId, 'Katherine Donnelly', 'revocation', '2026-03-10', '', 'unprofessional_conduct', `'=HYPERLINK("http://evil") PD`],
      ]);
      expectNothingRestricted(response.text);
    });
  });

  describe('lookup page', () => {
    it('should serve the HTML page with its search form under the Content-Security-Policy', async () => {
      const response = await t.http().get('/');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.text).toContain('<form id="search-form"');
      expect(response.text).toContain('<script src="/assets/app.js" defer></script>');
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    });

    it('should serve the script and the stylesheet with their content types, and nothing else under /assets', async () => {
      const js = await t.http().get('/assets/app.js');
      expect(js.status).toBe(200);
      expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(js.text).toContain("const API = '/api/v1/public';");
      const css = await t.http().get('/assets/app.css');
      expect(css.status).toBe(200);
      expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
      for (const path of ['/assets/index.html', '/assets/../../package.json', '/assets/%2e%2e/%2e%2e/package.json']) {
        expect((await t.http().get(path)).status).toBe(404);
      }
    });
  });
});

describe('public record of a recruit known only by a final order (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(NOW) });
  });
  afterAll(() => t.close());

  it('should list a recruit never certified or employed once a final public order names them, in the page, the search and the CSV alike', async () => {
    const tokens = await caseTokens(t);
    const { postId } = await createOfficer(t, { firstName: 'Philippa', lastName: 'Ormsbythwaite', ...RESTRICTED });
    const retrainCase = await openCase(t, tokens.investigator, { postId, summary: SECRET_SUMMARY });
    await actAll(t, retrainCase.id, [
      [tokens.investigator, { action: 'issue_notice', proposedSanction: 'retrain', responseDueOn: '2026-03-24' }],
      [tokens.investigator, { action: 'record_response', summary: 'Waives the hearing', hearingRequested: false, waivesHearing: true }],
      [
        tokens.adjudicator,
        { action: 'decide', sanction: 'retrain', findings: [{ ground: 'unprofessional_conduct_pattern', sustained: true }], reasoning: 'Retraining ordered' },
      ],
      [tokens.adjudicator, { action: 'finalize', appealWaived: true }],
    ]);
    const page = await t.http().get(`/api/v1/public/officers/${postId}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ certificationStatus: 'not_certified', publicActions: [{ type: 'retraining', effectiveOn: '2026-03-10' }] });
    for (const restricted of [RESTRICTED.dateOfBirth, RESTRICTED.ssnLast4, SECRET_SUMMARY, retrainCase.caseNumber]) expect(page.text).not.toContain(restricted);
    expect((await t.http().get('/api/v1/public/officers').query({ name: 'Philippa Ormsbythwaite' })).body.items).toEqual([page.body]);
    const csv = (await t.http().get('/api/v1/public/disciplinary-actions.csv')).text;
    expect(csv).toContain(`${postId},Philippa Ormsbythwaite,retraining,2026-03-10`);
  });

  it.each([
    ['reprimand', true],
    ['no_action', false],
  ])('should not list a recruit whose only final case ended in %s: the listing alone would disclose the case', async (sanction, sustained) => {
    const tokens = await caseTokens(t);
    const lastName = `Quillfeather${sanction.replace('_', '')}`;
    const { postId } = await createOfficer(t, { firstName: 'Ambrose', lastName, ...RESTRICTED });
    const finalCase = await openCase(t, tokens.investigator, { postId, summary: SECRET_SUMMARY });
    await actAll(t, finalCase.id, [
      [tokens.investigator, { action: 'issue_notice', proposedSanction: 'reprimand', responseDueOn: '2026-03-24' }],
      [tokens.investigator, { action: 'record_response', summary: 'Waives the hearing', hearingRequested: false, waivesHearing: true }],
      [tokens.adjudicator, { action: 'decide', sanction, findings: [{ ground: 'unprofessional_conduct_pattern', sustained }], reasoning: 'Decided' }],
      [tokens.adjudicator, { action: 'finalize', appealWaived: true }],
    ]);
    expect((await t.http().get(`/api/v1/public/officers/${postId}`)).status).toBe(404);
    expect(
      (
        await t
          .http()
          .get('/api/v1/public/officers')
          .query({ name: `Ambrose ${lastName}` })
      ).body.items,
    ).toEqual([]);
    expect((await t.http().get('/api/v1/public/disciplinary-actions.csv')).text).not.toContain(postId);
  });
});

describe('public portal rate limit (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '3' } });
  });
  afterAll(() => t.close());

  it('should answer 429 once the per-minute public budget is spent', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await t.http().get('/api/v1/public/officers').query({ name: 'Smith' })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await t.http().get('/api/v1/public/officers').query({ name: 'Smith' });
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['retry-after']).toBeDefined();
    // No proxy is trusted by default: a client cannot claim another address to get a fresh budget.
    const spoofed = await t.http().get('/api/v1/public/officers').set('X-Forwarded-For', '198.51.100.1').query({ name: 'Smith' });
    expect(spoofed.status).toBe(429);
  });
});

describe('public portal rate limit behind a trusted proxy (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The test client connects from 127.0.0.1: here that is the load balancer.
    t = await startTestApp({ env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '2', TRUST_PROXY: '127.0.0.1' } });
  });
  afterAll(() => t.close());

  const search = (forwardedFor: string) => t.http().get('/api/v1/public/officers').set('X-Forwarded-For', forwardedFor).query({ name: 'Smith' });

  it('should give each client behind the proxy its own budget, by the address the proxy saw', async () => {
    expect([(await search('203.0.113.10')).status, (await search('203.0.113.10')).status, (await search('203.0.113.10')).status]).toEqual([200, 200, 429]);
    // Another client behind the same balancer is not throttled for the first one's requests.
    expect((await search('203.0.113.20')).status).toBe(200);
    // An address the client prepended itself is not believed: the proxy appended the real one.
    expect((await search('198.51.100.7, 203.0.113.10')).status).toBe(429);
  });
});
