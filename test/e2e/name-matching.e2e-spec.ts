import { FixedClock } from '@app/core';
import { actAll, caseTokens, CaseTokens, openCase } from '../support/case-helpers';
import { certifyBySql, createOfficer, officerIdOf } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const NOW = new Date('2026-03-10T15:00:00.000Z');

/**
 * Issue 21, "Names still missed": transposed letters, nicknames without an alias, sound-alikes
 * by the alternative double-metaphone code, a second record hiding a revoked first one from a
 * check by POST ID, and SSN last four digits; in hiring checks and duplicate detection.
 */
describe('name matching, issue 21 (e2e)', () => {
  let t: TestApp;
  const clock = new FixedClock(NOW);
  let tokens: CaseTokens;
  let hiring: string;
  let admin: string;
  const people: Record<string, string> = {};

  const check = (body: object) => t.http().post('/api/v1/hiring-checks').set(bearer(hiring)).send(body);
  const officer = async (name: Record<string, unknown>) => {
    const created = await createOfficer(t, name);
    await certifyBySql(t, await officerIdOf(t, created.postId));
    return created.postId;
  };

  beforeAll(async () => {
    t = await startTestApp({ clock });
    tokens = await caseTokens(t);
    admin = await t.adminToken();
    hiring = await t.userToken((await t.createOrganization('agency')).id, ['agency_hiring']);
    people.john = await officer({ firstName: 'John', lastName: 'Whitaker', dateOfBirth: '1980-01-11' });
    people.michael = await officer({ firstName: 'Michael', lastName: 'Brennan', dateOfBirth: '1980-02-12' });
    people.william = await officer({ firstName: 'William', lastName: 'Thornton', dateOfBirth: '1980-03-13' });
    people.margaret = await officer({ firstName: 'Margaret', lastName: 'Ellison', dateOfBirth: '1980-04-14' });
    people.james = await officer({ firstName: 'James', lastName: 'Holloway', dateOfBirth: '1980-05-15' });
    people.smith = await officer({ firstName: 'Peter', lastName: 'Smith', dateOfBirth: '1980-06-16' });
    people.ssn = await officer({ firstName: 'Nadia', lastName: 'Okafor', dateOfBirth: '1980-07-17', ssnLast4: '4821' });
  });
  beforeEach(() => clock.set(NOW));
  afterAll(() => t.close());

  describe('hiring checks by name', () => {
    it.each<[string, string, string, string, string, string[]]>([
      ['two letters swapped in a short given name (Jhon)', 'john', 'Jhon', 'Whitaker', '1980-01-11', ['transposed_letters']],
      ['two letters swapped in a longer given name (Mcihael)', 'michael', 'Mcihael', 'Brennan', '1980-02-12', ['transposed_letters']],
      ['two letters swapped in the surname (Whitkaer)', 'john', 'John', 'Whitkaer', '1980-01-11', ['transposed_letters']],
      ['nickname without an alias (Bill for William)', 'william', 'Bill', 'Thornton', '1980-03-13', ['nickname']],
      ['nickname without an alias (Peggy for Margaret)', 'margaret', 'Peggy', 'Ellison', '1980-04-14', ['nickname']],
      ['nickname without an alias (Jim for James)', 'james', 'Jim', 'Holloway', '1980-05-15', ['nickname']],
      ['sound-alike through the alternative code (Schmidt for Smith)', 'smith', 'Peter', 'Schmidt', '1980-06-16', ['misspelling']],
    ])('%s', async (_, who, firstName, lastName, dateOfBirth, reasons) => {
      const response = await check({ firstName, lastName, dateOfBirth });
      expect(response.status).toBe(201);
      expect(response.body.matches).toHaveLength(1);
      expect(response.body.matches[0]).toMatchObject({ postId: people[who], matchReasons: reasons });
      expect(response.body.matches[0].matchScore).toBeGreaterThanOrEqual(0.45);
    });

    it('should still require the exact date of birth for a nickname or a transposition', async () => {
      for (const body of [
        { firstName: 'Bill', lastName: 'Thornton', dateOfBirth: '1980-03-14' },
        { firstName: 'Jhon', lastName: 'Whitaker', dateOfBirth: '1980-01-12' },
      ]) {
        const response = await check(body);
        expect(response.status).toBe(201);
        expect(response.body.matches).toEqual([]);
      }
    });

    it('should not take a nickname of another name (Bill is not Robert) nor a nickname as a surname', async () => {
      expect((await check({ firstName: 'Bob', lastName: 'Thornton', dateOfBirth: '1980-03-13' })).body.matches).toEqual([]);
      expect((await check({ firstName: 'Thornton', lastName: 'Bill', dateOfBirth: '1980-03-13' })).body.matches).toHaveLength(1); // swapped fields: still the given name
    });

    it('should raise the score when the SSN digits agree and lower it, still listed, when they differ', async () => {
      const plain = await check({ firstName: 'Nadia', lastName: 'Okafur', dateOfBirth: '1980-07-17' });
      const agree = await check({ firstName: 'Nadia', lastName: 'Okafur', dateOfBirth: '1980-07-17', ssnLast4: '4821' });
      const differ = await check({ firstName: 'Nadia', lastName: 'Okafur', dateOfBirth: '1980-07-17', ssnLast4: '1111' });
      expect([plain.status, agree.status, differ.status]).toEqual([201, 201, 201]);
      const [p, a, d] = [plain, agree, differ].map((r) => r.body.matches[0]);
      expect([p.postId, a.postId, d.postId]).toEqual([people.ssn, people.ssn, people.ssn]);
      expect(a.matchScore).toBeGreaterThan(p.matchScore);
      expect(a.matchReasons).toContain('ssn_match');
      expect(d.matchScore).toBeLessThan(p.matchScore);
      expect(d.matchReasons).toContain('ssn_mismatch');
    });

    it('should refuse malformed SSN digits with a 400 and accept a middle name', async () => {
      const bad = await check({ firstName: 'Nadia', lastName: 'Okafor', dateOfBirth: '1980-07-17', ssnLast4: '12a4' });
      expect(bad.status).toBe(400);
      const withMiddle = await check({ firstName: 'Nadia', middleName: 'Ada', lastName: 'Okafor', dateOfBirth: '1980-07-17' });
      expect(withMiddle.status).toBe(201);
      expect(withMiddle.body.matches).toHaveLength(1);
      expect((await check({ postId: people.ssn, ssnLast4: '4821' })).status).toBe(400);
    });
  });

  it('should warn a check by POST ID of a revoked record with the same date of birth and a similar name (confirmDistinct)', async () => {
    const first = await officer({ firstName: 'Gerald', lastName: 'Mankowitz', dateOfBirth: '1979-09-19' });
    const opened = await openCase(t, tokens.investigator, { postId: first, grounds: ['felony_conviction'], summary: 'Convicted' });
    await actAll(t, opened.id, [
      [tokens.investigator, { action: 'issue_notice', proposedSanction: 'revoke', responseDueOn: '2026-03-24' }],
      [tokens.investigator, { action: 'record_response', summary: 'Waives', hearingRequested: false, waivesHearing: true }],
      [tokens.adjudicator, { action: 'decide', sanction: 'revoke', findings: [{ ground: 'felony_conviction', sustained: true }], reasoning: 'Conviction' }],
      [tokens.adjudicator, { action: 'finalize', appealWaived: true }],
    ]);
    // A second, clean record: refused as a likely duplicate, then created with confirmDistinct.
    const refused = await t.http().post('/api/v1/officers').set(bearer(admin)).send({ firstName: 'Gerry', lastName: 'Mankowitz', dateOfBirth: '1979-09-19' });
    expect(refused.status).toBe(409);
    const second = await officer({ firstName: 'Gerry', lastName: 'Mankowitz', dateOfBirth: '1979-09-19' });

    const response = await check({ postId: second });
    expect(response.status).toBe(201);
    expect(response.body.matches).toHaveLength(1);
    expect(response.body.matches[0]).toMatchObject({ postId: second, hireable: true, certificationStatus: 'certified' });
    expect(response.body.matches[0].warnings).toEqual([{ code: 'possible_duplicate_identity', postId: first, certificationStatus: 'revoked' }]);
    // The revoked record names the clean one too.
    const back = await check({ postId: first });
    expect(back.body.matches[0].warnings).toContainEqual({ code: 'possible_duplicate_identity', postId: second, certificationStatus: 'certified' });
  });

  it('should not warn a check by POST ID of someone else born the same day', async () => {
    const a = await officer({ firstName: 'Harriet', lastName: 'Quimby', dateOfBirth: '1978-08-18' });
    await officer({ firstName: 'Oscar', lastName: 'Delacroix', dateOfBirth: '1978-08-18' });
    expect((await check({ postId: a })).body.matches[0].warnings).toEqual([]);
  });

  describe('duplicate detection on POST /officers', () => {
    const create = (body: object) => t.http().post('/api/v1/officers').set(bearer(admin)).send(body);

    it.each<[string, string, string, string]>([
      ['a nickname (Bill for William)', 'william', 'Bill', 'Thornton'],
      ['two letters swapped (Jhon for John)', 'john', 'Jhon', 'Whitaker'],
      ['a sound-alike surname (Schmidt for Smith)', 'smith', 'Peter', 'Schmidt'],
    ])('should refuse %s born the same day with 409 and name the record', async (_, who, firstName, lastName) => {
      const dateOfBirth = { william: '1980-03-13', john: '1980-01-11', smith: '1980-06-16' }[who]!;
      const before = await t.db.query(`SELECT count(*)::int AS n FROM officer`);
      const response = await create({ firstName, lastName, dateOfBirth });
      expect(response.status).toBe(409);
      expect(response.body.possibleDuplicates).toEqual([expect.objectContaining({ postId: people[who] })]);
      expect((await t.db.query(`SELECT count(*)::int AS n FROM officer`)).rows[0].n).toBe(before.rows[0].n);
    });

    it('should create a different person born the same day (Robert Thornton is not William)', async () => {
      const response = await create({ firstName: 'Robert', lastName: 'Thornton', dateOfBirth: '1980-03-13' });
      expect(response.status).toBe(201);
    });
  });
});
