import { FixedClock } from '@app/core';
import { caseTokens, CaseTokens, certifiedOfficer, openCase } from '../support/case-helpers';
import { createCourse } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

const NOW = new Date('2026-06-15T15:00:00.000Z');

interface Entry {
  seq: number;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
}

/** Issue 23's oversight reads: GET /audit?postId= (commission_admin) and GET /hiring-checks for the commission. */
describe('commission oversight: an officer’s audit, every agency’s hiring checks (e2e)', () => {
  let t: TestApp;
  let tokens: CaseTokens;
  const agencies: { id: string; admin: string; hiring: string }[] = [];
  const officers: { postId: string; officerId: string }[] = [];
  const checks: { agency: number; postId: string; id: string }[] = [];

  const check = async (agency: number, postId: string) => {
    const response = await t.http().post('/api/v1/hiring-checks').set(bearer(agencies[agency].hiring)).send({ postId });
    expect(response.status).toBe(201);
    checks.push({ agency, postId, id: response.body.id });
  };
  const get = (path: string, token: string) => t.http().get(path).set(bearer(token));

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(NOW) });
    tokens = await caseTokens(t);
    for (let i = 0; i < 2; i++) {
      const id = (await t.createOrganization('agency')).id;
      agencies.push({ id, admin: await t.userToken(id, ['agency_admin']), hiring: await t.userToken(id, ['agency_hiring']) });
    }
    const academy = (await t.createOrganization('academy')).id;
    const registrar = await t.userToken(academy, ['academy_registrar']);
    const course = await createCourse(t, { kind: 'in_service', hours: 8 });
    for (let i = 0; i < 2; i++) {
      const officer = await certifiedOfficer(t, agencies[0].id);
      officers.push(officer);
      // Something about the officer from each context: a report, a case, a read of the record,
      // a batch of training (one audit entry for the batch), and hiring checks from both agencies.
      const reported = await t
        .http()
        .post('/api/v1/misconduct-reports')
        .set(bearer(agencies[0].admin))
        .send({
          postId: officer.postId,
          incidentDate: '2026-06-10',
          receivedOn: '2026-06-14',
          categories: ['bias'],
          summary: 'Complaint.',
          agencyFinding: 'pending',
        });
      expect(reported.status).toBe(201);
      await openCase(t, tokens.investigator, { postId: officer.postId, reportIds: [reported.body.id] });
      expect((await get(`/api/v1/officers/${officer.postId}`, tokens.investigator)).status).toBe(200);
      const batch = await t
        .http()
        .post('/api/v1/training-completions/batch')
        .set(bearer(registrar))
        .send({ records: [{ postId: officer.postId, courseCode: course.code, completedOn: '2026-06-01', hours: 8, result: 'pass', externalRef: `W-${i}` }] });
      expect(batch.body.accepted).toBe(1);
      await check(0, officer.postId);
      await check(1, officer.postId);
    }
    await check(1, 'MA-999999');
  });
  afterAll(() => t.close());

  describe('GET /audit?postId=', () => {
    const allEntries = async (): Promise<Entry[]> => {
      await t.foldAudit();
      const { rows } = await t.db.query(`SELECT seq, action, entity_type, entity_id, details FROM audit_log ORDER BY seq DESC`);
      return rows.map((r) => ({ seq: Number(r.seq), action: r.action, entityType: r.entity_type, entityId: r.entity_id, details: r.details }));
    };
    /** What the officer's records are, read independently of the service's SQL. */
    const recordsOf = async (officerId: string) => {
      const { rows } = await t.db.query(
        `SELECT 'employment' AS t, id::text FROM employment WHERE officer_id = $1
         UNION ALL SELECT 'misconduct_report', id::text FROM misconduct_report WHERE officer_id = $1
         UNION ALL SELECT 'case', id::text FROM commission_case WHERE officer_id = $1
         UNION ALL SELECT 'training_completion', id::text FROM training_completion WHERE officer_id = $1
         UNION ALL SELECT 'notice', id::text FROM notice WHERE officer_id = $1
         UNION ALL SELECT 'hiring_check', id::text FROM hiring_check WHERE $1 = ANY(matched_officer_ids)`,
        [officerId],
      );
      return new Set([`officer:${officerId}`, `certification:${officerId}`, ...rows.map((r) => `${r.t}:${r.id}`)]);
    };
    const listAll = async (postId: string, limit = 500) => {
      const seen: Entry[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const response = await get(
          `/api/v1/audit?postId=${postId}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          tokens.commissionAdmin,
        );
        expect(response.status).toBe(200);
        seen.push(...response.body.items);
        cursor = response.body.nextCursor;
      }
      return seen;
    };

    it('lists every entry about the officer, whatever the entity, newest first, and none about another', async () => {
      const [p, q] = officers;
      const records = await recordsOf(p.officerId);
      const about = (e: Entry) =>
        records.has(`${e.entityType}:${e.entityId}`) ||
        e.details.postId === p.postId ||
        (Array.isArray(e.details.officerIds) && e.details.officerIds.includes(p.officerId));
      const expected = (await allEntries()).filter(about);
      const listed = await listAll(p.postId);
      expect(listed.map((e) => e.seq)).toEqual(expected.map((e) => e.seq));
      for (const action of ['misconduct_report.create', 'case.open', 'officer.read', 'hiring_check.create', 'training_completion.import'])
        expect(listed.map((e) => e.action)).toContain(action);
      // Both agencies' checks of p; none of q's records.
      expect(
        listed
          .filter((e) => e.action === 'hiring_check.create')
          .map((e) => e.entityId)
          .sort(),
      ).toEqual(
        checks
          .filter((c) => c.postId === p.postId)
          .map((c) => c.id)
          .sort(),
      );
      const qRecords = await recordsOf(q.officerId);
      expect(listed.filter((e) => qRecords.has(`${e.entityType}:${e.entityId}`) || e.details.postId === q.postId)).toEqual([]);
    });

    it('pages with its cursor, and lower case is the same officer', async () => {
      const full = await listAll(officers[0].postId);
      expect(full.length).toBeGreaterThan(5);
      expect((await listAll(officers[0].postId, 2)).map((e) => e.seq)).toEqual(full.map((e) => e.seq));
      expect((await listAll(officers[0].postId.toLowerCase())).map((e) => e.seq)).toEqual(full.map((e) => e.seq));
    });

    it('lists the refusals that name an unknown POST ID', async () => {
      expect((await get('/api/v1/officers/MA-888888', tokens.investigator)).status).toBe(404);
      const listed = await listAll('MA-888888');
      expect(listed.map((e) => e.action)).toEqual(['access.refused']);
    });

    it.each([
      ['with entityType', '?postId=MA-000001&entityType=case'],
      ['a POST ID that is not one', '?postId=42'],
      ['a cursor it did not issue', '?postId=MA-000001&cursor=abc'],
    ])('refuses %s with 400', async (_, query) => {
      expect((await get(`/api/v1/audit${query}`, tokens.commissionAdmin)).status).toBe(400);
    });
  });

  describe('GET /hiring-checks for the commission', () => {
    const ids = (response: { body: { items: { id: string }[] } }) => response.body.items.map((item) => item.id).sort();
    const idsOf = (filter: (c: (typeof checks)[number]) => boolean) =>
      checks
        .filter(filter)
        .map((c) => c.id)
        .sort();

    it("lists every agency's checks, naming the agency, to each commission role", async () => {
      for (const token of [tokens.commissionAdmin, tokens.investigator, tokens.adjudicator]) {
        const response = await get('/api/v1/hiring-checks?limit=500', token);
        expect(response.status).toBe(200);
        expect(ids(response)).toEqual(idsOf(() => true));
        for (const item of response.body.items) expect(item.agencyId).toBe(agencies[checks.find((c) => c.id === item.id)!.agency].id);
      }
    });

    it('narrows to one agency and to the checks that found one officer', async () => {
      expect(ids(await get(`/api/v1/hiring-checks?agencyId=${agencies[1].id}`, tokens.investigator))).toEqual(idsOf((c) => c.agency === 1));
      expect(ids(await get(`/api/v1/hiring-checks?postId=${officers[0].postId}`, tokens.investigator))).toEqual(idsOf((c) => c.postId === officers[0].postId));
      expect(ids(await get(`/api/v1/hiring-checks?agencyId=${agencies[1].id}&postId=${officers[1].postId}`, tokens.investigator))).toEqual(
        idsOf((c) => c.agency === 1 && c.postId === officers[1].postId),
      );
      expect(ids(await get('/api/v1/hiring-checks?postId=MA-777777', tokens.investigator))).toEqual([]);
    });

    it("keeps an agency to its own checks, another agency's id giving an empty list", async () => {
      expect(ids(await get('/api/v1/hiring-checks', agencies[0].hiring))).toEqual(idsOf((c) => c.agency === 0));
      expect(ids(await get(`/api/v1/hiring-checks?agencyId=${agencies[1].id}`, agencies[0].hiring))).toEqual([]);
      expect(ids(await get(`/api/v1/hiring-checks?postId=${officers[1].postId}`, agencies[0].admin))).toEqual(
        idsOf((c) => c.agency === 0 && c.postId === officers[1].postId),
      );
    });

    it('pages across agencies', async () => {
      const seen: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const response = await get(`/api/v1/hiring-checks?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, tokens.adjudicator);
        seen.push(...response.body.items.map((item: { id: string }) => item.id));
        cursor = response.body.nextCursor;
      }
      expect(seen.sort()).toEqual(idsOf(() => true));
    });

    it.each([
      ['an agencyId that is not a UUID', '?agencyId=x'],
      ['a postId that is not one', '?postId=42'],
      ['an unknown parameter', '?officer=MA-000001'],
    ])('refuses %s with 400', async (_, query) => {
      expect((await get(`/api/v1/hiring-checks${query}`, tokens.investigator)).status).toBe(400);
    });
  });
});
