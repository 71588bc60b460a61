import { FixedClock } from '@app/core';
import { createCourse, createOfficer, CreatedCourse } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** Courses, single completions, idempotency and who may read an officer's training. Batches: training-batch.e2e-spec.ts. */
describe('training (e2e)', () => {
  const TODAY = '2025-07-01';
  let t: TestApp;
  let academyA: { id: string };
  let academyB: { id: string };
  let registrarA: string;
  let registrarB: string;
  let course: CreatedCourse;
  let postId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date(`${TODAY}T15:00:00Z`)) });
    academyA = await t.createOrganization('academy');
    academyB = await t.createOrganization('academy');
    registrarA = await t.userToken(academyA.id, ['academy_registrar']);
    registrarB = await t.userToken(academyB.id, ['academy_registrar']);
    course = await createCourse(t, { kind: 'basic', hours: 800 });
    postId = (await createOfficer(t)).postId;
  });
  afterAll(() => t.close());

  let refSequence = 0;
  const completion = (overrides: Record<string, unknown> = {}) => ({
    postId,
    courseCode: course.code,
    completedOn: '2025-06-30',
    hours: 800,
    result: 'pass',
    externalRef: `REF-${++refSequence}`,
    ...overrides,
  });
  const post = (token: string, body: unknown) =>
    t
      .http()
      .post('/api/v1/training-completions')
      .set(bearer(token))
      .send(body as object);
  const rowsFor = async (externalRef: string) =>
    (await t.db.query(`SELECT id, academy_id, hours::text AS hours FROM training_completion WHERE external_ref = $1 ORDER BY created_at`, [externalRef])).rows;
  const countCompletions = async () => Number((await t.db.query(`SELECT count(*) FROM training_completion`)).rows[0].count);

  describe('courses', () => {
    it('should create a course, refuse its code twice with 409, and list courses page by page', async () => {
      const admin = await t.adminToken();
      const created = await t
        .http()
        .post('/api/v1/courses')
        .set(bearer(admin))
        .send({ code: 'AAA-FIREARMS', title: ' Firearms ', kind: 'in_service', hours: 8.5 });
      expect(created.status).toBe(201);
      expect(created.body).toEqual({
        id: expect.any(String),
        code: 'AAA-FIREARMS',
        title: 'Firearms',
        kind: 'in_service',
        hours: 8.5,
        createdAt: expect.any(String),
      });
      const { rows } = await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1`, [created.body.id]);
      expect(rows).toEqual([{ action: 'course.create' }]);

      const again = await t.http().post('/api/v1/courses').set(bearer(admin)).send({ code: 'AAA-FIREARMS', title: 'Other', kind: 'basic', hours: 1 });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('COURSE.CODE_TAKEN');

      await createCourse(t, { code: 'AAA-ZZZ' });
      const reader = await t.userToken(academyB.id, ['academy_registrar']);
      const first = await t.http().get('/api/v1/courses?limit=1').set(bearer(reader));
      expect(first.status).toBe(200);
      expect(first.body.items.map((c: { code: string }) => c.code)).toEqual(['AAA-FIREARMS']);
      const second = await t.http().get(`/api/v1/courses?limit=1&cursor=${first.body.nextCursor}`).set(bearer(reader));
      expect(second.body.items.map((c: { code: string }) => c.code)).toEqual(['AAA-ZZZ']);
    });

    it.each([
      ['an unknown kind', { kind: 'advanced' }, 'kind'],
      ['zero hours', { hours: 0 }, 'hours'],
      ['absurd hours', { hours: 5000 }, 'hours'],
      ['a lower-case code', { code: 'basic' }, 'code'],
      ['an empty title', { title: '   ' }, 'title'],
    ])('should refuse a course with %s (400, field named)', async (_, change, field) => {
      const response = await t
        .http()
        .post('/api/v1/courses')
        .set(bearer(await t.adminToken()))
        .send({ code: 'BAD-COURSE', title: 'x', kind: 'basic', hours: 10, ...change });
      expect(response.status).toBe(400);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual([field]);
    });
  });

  describe('POST /training-completions', () => {
    it("should record a completion for the caller's academy with 201 and an audit entry", async () => {
      const body = completion();
      const response = await post(registrarA, body);
      expect(response.status).toBe(201);
      expect(response.body).toEqual({ id: expect.any(String), ...body, academyId: academyA.id, recordedAt: expect.any(String) });
      expect(await rowsFor(body.externalRef)).toEqual([{ id: response.body.id, academy_id: academyA.id, hours: '800.00' }]);
      const { rows } = await t.db.query(`SELECT action, organization_id, details FROM audit_log WHERE entity_id = $1`, [response.body.id]);
      expect(rows).toEqual([{ action: 'training_completion.record', organization_id: academyA.id, details: body }]);
    });

    it('should refuse a completion claiming more hours than its course has, with 422 and nothing stored', async () => {
      const body = completion({ hours: 800.5 });
      const response = await post(registrarA, body);
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({
        code: 'TRAINING.COMPLETION_REFUSED',
        reasons: ['hours_exceed_course'],
        errors: [{ field: 'hours', reason: 'hours_exceed_course', message: "hours 800.5 exceed the course's 800 hours" }],
      });
      expect(await rowsFor(body.externalRef)).toEqual([]);
    });

    it('should answer a retry with the same body with 200 and the original, storing nothing new', async () => {
      const body = completion({ hours: 7.5 });
      const first = await post(registrarA, body);
      const retry = await post(registrarA, { ...body, hours: 7.5 });
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
      expect(await rowsFor(body.externalRef)).toHaveLength(1);
      const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1`, [first.body.id]);
      expect(rows[0].n).toBe(1);
    });

    it('should refuse the same externalRef with a different body with 409 and keep the original', async () => {
      const body = completion();
      const first = await post(registrarA, body);
      const conflicting = await post(registrarA, { ...body, result: 'fail' });
      expect(conflicting.status).toBe(409);
      expect(conflicting.body).toMatchObject({ code: 'TRAINING.EXTERNAL_REF_CONFLICT', externalRef: body.externalRef });
      expect(await rowsFor(body.externalRef)).toEqual([{ id: first.body.id, academy_id: academyA.id, hours: '800.00' }]);
    });

    it('should store one record for parallel identical submissions: one 201, the others 200 with the same id', async () => {
      const body = completion();
      const responses = await Promise.all(Array.from({ length: 6 }, () => post(registrarA, body)));
      expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
      expect(new Set(responses.map((r) => r.body.id)).size).toBe(1);
      expect(await rowsFor(body.externalRef)).toHaveLength(1);
    });

    it("should keep academies apart: B reusing A's externalRef creates B's own record", async () => {
      const body = completion();
      const a = await post(registrarA, body);
      const b = await post(registrarB, { ...body, hours: 10 });
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(b.body.academyId).toBe(academyB.id);
      expect((await rowsFor(body.externalRef)).map((r) => r.academy_id)).toEqual([academyA.id, academyB.id]);
    });

    it('should refuse an attempt to name another academy (unknown field academyId, 400) and store nothing', async () => {
      const body = completion({ academyId: academyB.id });
      const response = await post(registrarA, body);
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field: 'academyId', message: 'property academyId should not exist' }]);
      expect(await rowsFor(body.externalRef)).toEqual([]);
    });

    it('should refuse an agency and the commission with 403', async () => {
      const agency = await t.createOrganization('agency');
      for (const token of [await t.userToken(agency.id, ['agency_admin']), await t.adminToken()]) {
        const body = completion();
        expect((await post(token, body)).status).toBe(403);
        expect(await rowsFor(body.externalRef)).toEqual([]);
      }
    });

    it.each([
      ['an impossible date', { completedOn: '1995-02-30' }, 'completedOn', 'real calendar date'],
      ['negative hours', { hours: -3 }, 'hours', 'at least 0.01'],
      ['zero hours', { hours: 0 }, 'hours', 'at least 0.01'],
      ['absurd hours', { hours: 100000 }, 'hours', 'at most 2000'],
      ['hours as text', { hours: '8' }, 'hours', 'must be a number'],
      ['an unknown result', { result: 'passed' }, 'result', 'pass, fail'],
      ['a malformed postId', { postId: '42' }, 'postId', 'POST ID'],
      ['a missing externalRef', { externalRef: undefined }, 'externalRef', 'externalRef is required'],
    ])('should refuse %s with 400 naming the field, storing nothing', async (_, change, field, message) => {
      const before = await countCompletions();
      const response = await post(registrarA, completion(change));
      expect(response.status).toBe(400);
      expect(response.body.errors).toEqual([{ field, message: expect.stringContaining(message) }]);
      expect(await countCompletions()).toBe(before);
    });

    it('should refuse an unknown postId and an unknown course code together with 422 and both reasons', async () => {
      const before = await countCompletions();
      const response = await post(registrarA, completion({ postId: 'MA-999999', courseCode: 'NO-SUCH-COURSE' }));
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ code: 'TRAINING.COMPLETION_REFUSED', reasons: ['unknown_post_id', 'unknown_course_code'] });
      expect(response.body.errors.map((e: { field: string }) => e.field)).toEqual(['postId', 'courseCode']);
      expect(await countCompletions()).toBe(before);
    });

    it('should accept a completion dated today and refuse one dated tomorrow with 422', async () => {
      expect((await post(registrarA, completion({ completedOn: TODAY }))).status).toBe(201);
      const tomorrow = await post(registrarA, completion({ completedOn: '2025-07-02' }));
      expect(tomorrow.status).toBe(422);
      expect(tomorrow.body.reasons).toEqual(['completed_on_in_future']);
      expect(tomorrow.body.errors).toEqual([{ field: 'completedOn', reason: 'completed_on_in_future', message: expect.stringContaining('2025-07-02') }]);
    });
  });

  describe('GET /officers/:postId/training', () => {
    let officer: string;
    beforeAll(async () => {
      officer = (await createOfficer(t)).postId;
      expect((await post(registrarA, completion({ postId: officer, completedOn: '2024-01-10', externalRef: 'LIST-A1' }))).status).toBe(201);
      expect((await post(registrarA, completion({ postId: officer, completedOn: '2024-03-10', externalRef: 'LIST-A2' }))).status).toBe(201);
      expect((await post(registrarB, completion({ postId: officer, completedOn: '2024-02-10', externalRef: 'LIST-B1' }))).status).toBe(201);
    });
    const list = (token: string, query = '') => t.http().get(`/api/v1/officers/${officer}/training${query}`).set(bearer(token));
    const refs = (body: { items: { externalRef: string }[] }) => body.items.map((i) => i.externalRef);

    it('should show the commission every completion in date order, with the course kind', async () => {
      const response = await list(await t.userToken(await t.commissionId(), ['commission_investigator']));
      expect(response.status).toBe(200);
      expect(refs(response.body)).toEqual(['LIST-A1', 'LIST-B1', 'LIST-A2']);
      expect(response.body.items[0]).toMatchObject({ postId: officer, courseCode: course.code, courseKind: 'basic', academyId: academyA.id });
    });

    it('should show an academy only the completions it recorded', async () => {
      expect(refs((await list(registrarA)).body)).toEqual(['LIST-A1', 'LIST-A2']);
      expect(refs((await list(registrarB)).body)).toEqual(['LIST-B1']);
    });

    it('should page with a cursor', async () => {
      const first = await list(await t.adminToken(), '?limit=2');
      expect(refs(first.body)).toEqual(['LIST-A1', 'LIST-B1']);
      const second = await list(await t.adminToken(), `?limit=2&cursor=${first.body.nextCursor}`);
      expect(refs(second.body)).toEqual(['LIST-A2']);
      expect(second.body.nextCursor).toBeNull();
      expect((await list(await t.adminToken(), '?cursor=bogus')).status).toBe(400);
    });

    it('should show an agency the training of an officer it employs, and answer 404 otherwise', async () => {
      const employer = await t.createOrganization('agency');
      const stranger = await t.createOrganization('agency');
      await t.db.query(
        `INSERT INTO employment (officer_id, agency_id, position, start_date) SELECT id, $2, 'Patrol officer', DATE '2024-05-01' FROM officer WHERE post_id = $1`,
        [officer, employer.id],
      );
      expect(refs((await list(await t.userToken(employer.id, ['agency_hiring']))).body)).toHaveLength(3);
      const refused = await list(await t.userToken(stranger.id, ['agency_admin']));
      expect(refused.status).toBe(404);
      expect(refused.body.code).toBe('OFFICER.NOT_FOUND');
    });

    it('should answer 404 for an unknown officer', async () => {
      const response = await t
        .http()
        .get('/api/v1/officers/MA-999998/training')
        .set(bearer(await t.adminToken()));
      expect(response.status).toBe(404);
    });
  });
});
