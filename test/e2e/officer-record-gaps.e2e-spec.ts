import { FixedClock } from '@app/core';
import { Jobs } from '@app/jobs';
import { DUPLICATE_SWEEP_CRON, DUPLICATE_SWEEP_QUEUE, normalizeName, PossibleDuplicateSweep } from '@app/officers';
import { createCourse, createOfficer, officerIdOf, recordCompletion } from '../support/factories';
import { waitForJob } from '../support/jobs';
import { officerAccount } from '../support/officer-accounts';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const NOW = new Date('2026-03-01T12:00:00Z');

/**
 * Issue 22: the officer's record as API.md lists it (aliases with their kind; the certification's
 * conditions in GET /me/record), and possible duplicates "found later by the same rules" (the sweep).
 */
describe("the officer's record: aliases, conditions, and the duplicate sweep (e2e)", () => {
  let t: TestApp;
  const clock = new FixedClock(NOW);
  let admin: string;
  let adjudicator: string;
  let registrar: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    admin = await t.adminToken();
    adjudicator = await t.userToken(await t.commissionId(), ['commission_adjudicator']);
    registrar = await t.userToken((await t.createOrganization('academy')).id, ['academy_registrar']);
  });
  beforeEach(() => clock.set(NOW));
  afterAll(() => t.close());

  it('should list every alias of GET /officers/:postId with its kind: registration aliases and old names as prior_name, nicknames as nickname', async () => {
    const { postId } = await createOfficer(t, { firstName: 'Margaret', lastName: 'Lindqvist', aliases: [{ firstName: 'Margaret', lastName: 'Holloway' }] });
    const nickname = await t
      .http()
      .post(`/api/v1/officers/${postId}/aliases`)
      .set(bearer(admin))
      .send({ firstName: 'Peggy', lastName: 'Lindqvist', kind: 'nickname' });
    expect(nickname.status).toBe(201);
    const renamed = await t
      .http()
      .post(`/api/v1/officers/${postId}/names`)
      .set(bearer(admin))
      .send({ firstName: 'Margaret', lastName: 'Abernathy', effectiveOn: '2026-02-14', reason: 'marriage' });
    expect(renamed.status).toBe(200);

    const record = await t.http().get(`/api/v1/officers/${postId}`).set(bearer(admin));
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({ firstName: 'Margaret', lastName: 'Abernathy' });
    expect(record.body.aliases).toEqual([
      { firstName: 'Margaret', lastName: 'Holloway', kind: 'prior_name' },
      { firstName: 'Margaret', lastName: 'Lindqvist', kind: 'prior_name' },
      { firstName: 'Peggy', lastName: 'Lindqvist', kind: 'nickname' },
    ]);
    // The officer's own record shows the same aliases with their kinds.
    const me = await officerAccount(t, postId);
    const own = await t.http().get('/api/v1/me/record').set(bearer(me.token));
    expect(own.status).toBe(200);
    expect(own.body.identity.aliases).toEqual(record.body.aliases);
  });

  it("should show the certification's conditions in GET /me/record with their due dates and standing, overdue once past due", async () => {
    const basic = (await createCourse(t, { kind: 'basic', hours: 800 })).code;
    // Basic training in 2022, certified 2022-10-01 → 2025-11-01 and lapsed since, short of in-service hours.
    const { postId } = await createOfficer(t, { dateOfBirth: '1985-11-20' }, adjudicator);
    const officerId = await officerIdOf(t, postId);
    await recordCompletion(t, registrar, { postId, courseCode: basic, completedOn: '2022-06-30', hours: 800 });
    const certify = (body: object) => t.http().post(`/api/v1/officers/${postId}/certification`).set(bearer(adjudicator)).send(body);
    expect((await certify({ effectiveOn: '2022-10-01' })).status).toBe(201);
    const conditional = await certify({
      conditions: [
        { description: 'Complete 40 hours of in-service training', dueOn: '2026-06-01', basis: 'training' },
        { description: 'File the medical clearance form', dueOn: '2026-04-15', basis: 'documents' },
      ],
    });
    expect(conditional.status).toBe(201);
    const me = await officerAccount(t, postId);
    expect(me.officerId).toBe(officerId);

    const own = await t.http().get('/api/v1/me/record').set(bearer(me.token));
    expect(own.status).toBe(200);
    expect(own.body.certification).toMatchObject({ status: 'certified', issuedOn: '2026-03-01' });
    expect(own.body.certification.conditions).toEqual([
      expect.objectContaining({ basis: 'documents', description: 'File the medical clearance form', dueOn: '2026-04-15', status: 'open', satisfiedOn: null }),
      expect.objectContaining({ basis: 'training', description: 'Complete 40 hours of in-service training', dueOn: '2026-06-01', status: 'open' }),
    ]);
    // The evidence accepted is the commission's to read, never in the officer's view.
    for (const c of own.body.certification.conditions) expect(c).not.toHaveProperty('evidence');

    clock.set(new Date('2026-04-20T12:00:00Z'));
    const later = await t.http().get('/api/v1/me/record').set(bearer(me.token));
    expect(later.body.certification.conditions.map((c: { dueOn: string; status: string }) => [c.dueOn, c.status])).toEqual([
      ['2026-04-15', 'overdue'],
      ['2026-06-01', 'open'],
    ]);
  });

  describe('the periodic duplicate sweep', () => {
    /** Straight into the tables, as an import or a bulk load writes them: no detection at creation. */
    const inserted = async (firstName: string, lastName: string, dateOfBirth: string) => {
      const { rows } = await t.db.query(
        `INSERT INTO officer (post_id, first_name, last_name, date_of_birth)
         VALUES ('MA-' || lpad(nextval('officer_post_number_seq')::text, 6, '0'), $1, $2, $3) RETURNING id, post_id`,
        [firstName, lastName, dateOfBirth],
      );
      const [first, last] = [normalizeName(firstName), normalizeName(lastName)];
      await t.db.query(
        `INSERT INTO officer_name (officer_id, kind, first_name, last_name, normalized_first, normalized_last, normalized_full, date_of_birth)
         VALUES ($1, 'current', $2, $3, $4, $5, $6, $7)`,
        [rows[0].id, firstName, lastName, first, last, `${first} ${last}`, dateOfBirth],
      );
      await t.db.query(`INSERT INTO certification (officer_id, status) VALUES ($1, 'not_certified')`, [rows[0].id]);
      return { id: rows[0].id as string, postId: rows[0].post_id as string };
    };
    const pairsOf = async (postIds: string[]) => {
      const response = await t.http().get('/api/v1/officers/possible-duplicates?limit=500').set(bearer(admin));
      expect(response.status).toBe(200);
      return (response.body.items as { id: string; source: string; matchScore: number; officers: { postId: string }[] }[])
        .filter((p) => p.officers.some((o) => postIds.includes(o.postId)))
        .map((p) => ({ id: p.id, source: p.source, matchScore: p.matchScore, postIds: p.officers.map((o) => o.postId).sort() }));
    };

    it('should record pairs that bypassed detection (nickname, transposed letters, a misspelling) once, never an unrelated or merged record, and leave a dismissed pair dismissed', async () => {
      const sweep = t.app.get(PossibleDuplicateSweep);
      await sweep.sweep({ full: true });
      const william = await inserted('William', 'Hartigan', '1974-05-09');
      const bill = await inserted('Bill', 'Hartigan', '1974-05-09');
      const john = await inserted('John', 'Castellano', '1988-12-01');
      const jhon = await inserted('Jhon', 'Castellano', '1988-12-01');
      const maria = await inserted('Maria', 'Kowalczyk', '1991-07-30');
      const marie = await inserted('Maria', 'Kowalcyk', '1991-07-30');
      // Same day, different people: not a pair.
      const agnes = await inserted('Agnes', 'Thornbury', '1974-05-09');
      // A likely pair on another day of birth: not a pair.
      const otherDay = await inserted('William', 'Hartigan', '1974-05-10');
      const all = [william, bill, john, jhon, maria, marie, agnes, otherDay].map((o) => o.postId);
      expect(await pairsOf(all)).toEqual([]);

      const first = await sweep.sweep();
      expect(first.pairsFound).toBe(3);
      const found = await pairsOf(all);
      expect(found.map((p) => p.postIds)).toEqual(
        expect.arrayContaining([[william.postId, bill.postId].sort(), [john.postId, jhon.postId].sort(), [maria.postId, marie.postId].sort()]),
      );
      expect(found).toHaveLength(3);
      for (const pair of found) {
        expect(pair.source).toBe('detected');
        expect(pair.matchScore).toBeGreaterThanOrEqual(0.45);
      }

      // Dismissed stays dismissed; found again, nothing new is recorded.
      const nickname = found.find((p) => p.postIds.includes(bill.postId))!;
      const dismissed = await t
        .http()
        .post(`/api/v1/officers/possible-duplicates/${nickname.id}/dismiss`)
        .set(bearer(admin))
        .send({ reason: 'Father and son, both on the roster.' });
      expect(dismissed.status).toBe(200);
      expect(await sweep.sweep({ full: true })).toMatchObject({ pairsFound: 0 });
      expect((await pairsOf(all)).map((p) => p.id).sort()).toEqual(
        found
          .filter((p) => p.id !== nickname.id)
          .map((p) => p.id)
          .sort(),
      );
      const rows = await t.db.query(`SELECT status FROM possible_duplicate WHERE id = $1`, [nickname.id]);
      expect(rows.rows).toEqual([{ status: 'dismissed' }]);

      // A merged record is no candidate: merge the misspelt pair, then a third record like them is paired with the survivor only.
      const merged = await t
        .http()
        .post(`/api/v1/officers/${maria.postId}/merge`)
        .set(bearer(admin))
        .send({ duplicatePostId: marie.postId, reason: 'One person' });
      expect(merged.status).toBe(200);
      const third = await inserted('Maria', 'Kowalczik', '1991-07-30');
      expect(await sweep.sweep()).toMatchObject({ pairsFound: 1 });
      expect((await pairsOf([third.postId])).map((p) => p.postIds)).toEqual([[maria.postId, third.postId].sort()]);
      const state = await t.db.query(`SELECT officers_read, pairs_found FROM duplicate_sweep_state`);
      expect(state.rows).toEqual([{ officers_read: expect.any(Number), pairs_found: 1 }]);
    });

    it('should run as a durable job on a daily schedule', async () => {
      const a = await inserted('Theodora', 'Wrenfield', '1969-02-17');
      const b = await inserted('Teodora', 'Wrenfield', '1969-02-17');
      // The job the schedule sends daily, sent now: the API process's worker (JOBS_WORKER=inline) runs it.
      const jobId = (await t.app.get(Jobs).send(DUPLICATE_SWEEP_QUEUE, {}))!;
      expect((await waitForJob(t.db, jobId, 60_000)).state).toBe('completed');
      expect((await pairsOf([a.postId])).map((p) => p.postIds)).toEqual([[a.postId, b.postId].sort()]);
      const schedule = await t.db.query(`SELECT cron, timezone FROM pgboss.schedule WHERE name = $1`, [DUPLICATE_SWEEP_QUEUE.name]);
      expect(schedule.rows).toEqual([{ cron: DUPLICATE_SWEEP_CRON, timezone: 'UTC' }]);
    });
  });
});
