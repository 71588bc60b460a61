import { FixedClock } from '@app/core';
import { createCourse, createOfficer } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** GET /training-completions: the caller academy's own completions, newest first. Today is 2026-03-01. */
describe('academy completions list (e2e)', () => {
  let t: TestApp;
  let registrarA: string;
  let registrarB: string;
  let course: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-03-01T12:00:00Z')) });
    registrarA = await t.userToken((await t.createOrganization('academy')).id, ['academy_registrar']);
    registrarB = await t.userToken((await t.createOrganization('academy')).id, ['academy_registrar']);
    course = (await createCourse(t, { kind: 'in_service', hours: 40 })).code;
  });
  afterAll(() => t.close());

  let ref = 0;
  const record = async (token: string, postId: string, completedOn: string) => {
    const response = await t
      .http()
      .post('/api/v1/training-completions')
      .set(bearer(token))
      .send({ postId, courseCode: course, completedOn, hours: 40, result: 'pass', externalRef: `LIST-${++ref}` });
    expect(response.status).toBe(201);
    return response.body as { id: string };
  };
  const list = (token: string, query = '') => t.http().get(`/api/v1/training-completions${query}`).set(bearer(token));

  it("lists only the caller academy's completions, newest first, in pages, and by officer", async () => {
    const one = (await createOfficer(t, { dateOfBirth: '1990-01-02' })).postId;
    const two = (await createOfficer(t, { dateOfBirth: '1991-03-04' })).postId;
    const oldest = await record(registrarA, one, '2025-01-10');
    const newest = await record(registrarA, two, '2025-12-01');
    const middle = await record(registrarA, one, '2025-06-15');
    await record(registrarB, one, '2025-11-11');

    const first = await list(registrarA, '?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((c: { id: string }) => c.id)).toEqual([newest.id, middle.id]);
    expect(first.body.items[0]).toMatchObject({ postId: two, courseCode: course, completedOn: '2025-12-01', hours: 40, result: 'pass', voided: false });
    const second = await list(registrarA, `?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.status).toBe(200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: oldest.id, postId: one })], nextCursor: null });

    const byOfficer = await list(registrarA, `?postId=${one.toLowerCase()}`);
    expect(byOfficer.status).toBe(200);
    expect(byOfficer.body.items.map((c: { id: string }) => c.id)).toEqual([middle.id, oldest.id]);

    const other = await list(registrarB);
    expect(other.body.items.map((c: { completedOn: string }) => c.completedOn)).toEqual(['2025-11-11']);
    expect((await list(registrarA, '?postId=MA-999999')).body).toEqual({ items: [], nextCursor: null });
  });

  it('refuses unknown parameters, a malformed postId and a foreign cursor with 400, and other roles with 403', async () => {
    expect((await list(registrarA, '?academyId=x')).status).toBe(400);
    const badPostId = await list(registrarA, '?postId=42');
    expect(badPostId.status).toBe(400);
    expect(badPostId.body.errors).toEqual([expect.objectContaining({ field: 'postId' })]);
    expect((await list(registrarA, '?cursor=nonsense')).status).toBe(400);
    expect((await list(await t.adminToken())).status).toBe(403);
  });
});
