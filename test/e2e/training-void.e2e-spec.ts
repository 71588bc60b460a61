import { FixedClock } from '@app/core';
import { createCourse, createOfficer } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** POST /training-completions/:id/void (API.md "Training"): kept in the history, counted nowhere. Today is 2026-03-01. */
describe('training completion void (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let adjudicator: string;
  let registrarA: string;
  let registrarB: string;
  let agencyAdmin: string;
  let basic: string;
  let inService: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2026-03-01T12:00:00Z')) });
    admin = await t.adminToken();
    adjudicator = await t.userToken(await t.commissionId(), ['commission_adjudicator']);
    registrarA = await t.userToken((await t.createOrganization('academy')).id, ['academy_registrar']);
    registrarB = await t.userToken((await t.createOrganization('academy')).id, ['academy_registrar']);
    agencyAdmin = await t.userToken((await t.createOrganization('agency')).id, ['agency_admin']);
    basic = (await createCourse(t, { kind: 'basic', hours: 800 })).code;
    inService = (await createCourse(t, { kind: 'in_service', hours: 120 })).code;
  });
  afterAll(() => t.close());

  let ref = 0;
  const record = async (token: string, body: Record<string, unknown>) => {
    const response = await t
      .http()
      .post('/api/v1/training-completions')
      .set(bearer(token))
      .send({ result: 'pass', externalRef: `VOID-${++ref}`, ...body });
    expect(response.status).toBe(201);
    return response.body as { id: string; externalRef: string };
  };
  const voidIt = (token: string, id: string, body: object = { reason: 'Recorded for the wrong officer.' }) =>
    t.http().post(`/api/v1/training-completions/${id}/void`).set(bearer(token)).send(body);
  const certify = (postId: string) => t.http().post(`/api/v1/officers/${postId}/certification`).set(bearer(adjudicator)).send({ effectiveOn: '2025-08-15' });
  const training = (postId: string, token = admin) => t.http().get(`/api/v1/officers/${postId}/training`).set(bearer(token));

  it('should keep a voided basic course in the history with who, when and why, and stop counting it toward certification', async () => {
    const { postId } = await createOfficer(t, { dateOfBirth: '1990-11-20' });
    const wrong = await record(registrarA, { postId, courseCode: basic, completedOn: '2025-06-30', hours: 800 });

    expect((await voidIt(agencyAdmin, wrong.id)).status).toBe(403);
    expect((await voidIt(registrarB, wrong.id)).status).toBe(404);
    expect((await voidIt(registrarA, wrong.id, {})).status).toBe(400);
    expect((await voidIt(registrarA, wrong.id, { reason: 'x', extra: true })).status).toBe(400);
    expect((await voidIt(registrarA, '00000000-0000-4000-8000-000000000000')).status).toBe(404);

    const voided = await voidIt(registrarA, wrong.id);
    expect(voided.status).toBe(200);
    expect(voided.body).toMatchObject({
      id: wrong.id,
      postId,
      externalRef: wrong.externalRef,
      voided: true,
      voidedAt: expect.any(String),
      voidedBy: expect.any(String),
      voidReason: 'Recorded for the wrong officer.',
    });

    const again = await voidIt(admin, wrong.id);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('TRAINING.ALREADY_VOIDED');

    const listed = await training(postId);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: wrong.id, voided: true, voidReason: 'Recorded for the wrong officer.' })]);

    const refused = await certify(postId);
    expect(refused.status).toBe(422);
    expect(refused.body.reasons).toEqual(['basic_training_missing']);

    // The same externalRef again is the same (voided) record, not a correction.
    const replay = await t
      .http()
      .post('/api/v1/training-completions')
      .set(bearer(registrarA))
      .send({ postId, courseCode: basic, completedOn: '2025-06-30', hours: 800, result: 'pass', externalRef: wrong.externalRef });
    expect(replay.status).toBe(200);
    expect((await certify(postId)).status).toBe(422);

    await record(registrarA, { postId, courseCode: basic, completedOn: '2025-06-30', hours: 800 });
    expect((await certify(postId)).status).toBe(201);

    const { rows } = await t.db.query(`SELECT details FROM audit_log WHERE action = 'training_completion.void' AND entity_id = $1`, [wrong.id]);
    expect(rows).toEqual([{ details: expect.objectContaining({ postId, reason: 'Recorded for the wrong officer.' }) }]);
    const updated = await t.db.query(`SELECT count(*)::int AS n FROM training_completion WHERE id = $1`, [wrong.id]);
    expect(updated.rows[0].n).toBe(1);
  });

  it('should stop counting voided in-service hours toward renewal (the commission administrator voids)', async () => {
    const { postId } = await createOfficer(t, { dateOfBirth: '1990-11-20' });
    await record(registrarA, { postId, courseCode: basic, completedOn: '2025-06-30', hours: 800 });
    expect((await certify(postId)).status).toBe(201);
    const hours = await record(registrarA, { postId, courseCode: inService, completedOn: '2025-10-01', hours: 120 });
    const renew = () => t.http().post(`/api/v1/officers/${postId}/certification/renewal`).set(bearer(adjudicator)).send();

    expect((await voidIt(admin, hours.id, { reason: 'The course was never held.' })).status).toBe(200);
    const short = await renew();
    expect(short.status).toBe(422);
    expect(short.body.reasons).toEqual([expect.objectContaining({ code: 'in_service_hours_short', hoursFound: 0 })]);
  });

  it('should let one of two simultaneous voids win and answer the other 409', async () => {
    const { postId } = await createOfficer(t);
    const completion = await record(registrarA, { postId, courseCode: inService, completedOn: '2025-10-01', hours: 8 });
    const statuses = (await Promise.all([voidIt(registrarA, completion.id), voidIt(admin, completion.id)])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    const { rows } = await t.db.query(`SELECT count(*)::int AS n FROM training_completion_void WHERE completion_id = $1`, [completion.id]);
    expect(rows[0].n).toBe(1);
  });
});
