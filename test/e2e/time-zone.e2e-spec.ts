import { CertificationSettlementService } from '@app/certification';
import { FixedClock } from '@app/core';
import { createCourse, createOfficer, officerIdOf, recordCompletion } from '../support/factories';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * The registry's calendar is its own time zone's (POST_TIME_ZONE), not UTC: in Massachusetts a
 * certification whose term expires on 1 November stays valid until midnight Eastern on 31 October,
 * and a date that is tomorrow in Boston is in the future even when it is already today in UTC.
 */
describe('the registry calendar in its time zone (e2e)', () => {
  // 31 October 2028, 11:30 p.m. in Boston (daylight time, UTC-4); already 1 November in UTC.
  const BEFORE_MIDNIGHT_EASTERN = new Date('2028-11-01T03:30:00Z');
  const AFTER_MIDNIGHT_EASTERN = new Date('2028-11-01T04:05:00Z');
  const clock = new FixedClock(new Date('2026-03-01T17:00:00Z'));
  let t: TestApp;
  let adjudicator: string;
  let registrar: string;
  let basicCourse: string;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { POST_TIME_ZONE: 'America/New_York' } });
    adjudicator = await t.userToken(await t.commissionId(), ['commission_adjudicator']);
    registrar = await t.userToken((await t.createOrganization('academy')).id, ['academy_registrar']);
    basicCourse = (await createCourse(t, { kind: 'basic', hours: 800 })).code;
  });
  afterAll(() => t.close());

  const certification = (postId: string) => t.http().get(`/api/v1/officers/${postId}/certification`).set(bearer(adjudicator));
  const storedStatus = async (officerId: string) => (await t.db.query(`SELECT status FROM certification WHERE officer_id = $1`, [officerId])).rows[0].status;

  it('should keep a certification valid through its last day in the registry’s zone, and lapse it after local midnight', async () => {
    clock.set(new Date('2026-03-01T17:00:00Z'));
    // Born in November, certified 2025-08-15: the term runs to 2028-11-01 (DOMAIN.md, birth-month alignment).
    const { postId } = await createOfficer(t, { dateOfBirth: '1990-11-20' }, adjudicator);
    const officerId = await officerIdOf(t, postId);
    await recordCompletion(t, registrar, { postId, courseCode: basicCourse, completedOn: '2025-06-30', hours: 800 });
    expect((await t.http().post(`/api/v1/officers/${postId}/certification`).set(bearer(adjudicator)).send({ effectiveOn: '2025-08-15' })).status).toBe(201);

    clock.set(BEFORE_MIDNIGHT_EASTERN);
    expect((await certification(postId)).body).toMatchObject({ status: 'certified', expiresOn: '2028-11-01' });
    expect((await t.http().get(`/api/v1/public/officers/${postId}`)).body).toMatchObject({ certificationStatus: 'certified' });
    await t.app.get(CertificationSettlementService).settleDue();
    expect(await storedStatus(officerId)).toBe('certified');

    clock.set(AFTER_MIDNIGHT_EASTERN);
    expect((await certification(postId)).body).toMatchObject({ status: 'lapsed', expiresOn: '2028-11-01' });
    await t.app.get(CertificationSettlementService).settleDue();
    expect(await storedStatus(officerId)).toBe('lapsed');
  });

  it('should refuse a completion dated tomorrow in the registry’s zone, though it is today in UTC', async () => {
    clock.set(new Date('2026-03-02T03:00:00Z')); // 1 March, 10 p.m. in Boston
    const { postId } = await createOfficer(t, {}, adjudicator);
    const completion = (completedOn: string) =>
      t
        .http()
        .post('/api/v1/training-completions')
        .set(bearer(registrar))
        .send({ postId, courseCode: basicCourse, completedOn, hours: 800, result: 'pass', externalRef: `TZ-${completedOn}` });

    const tomorrow = await completion('2026-03-02');
    expect(tomorrow.status).toBe(422);
    expect(JSON.stringify(tomorrow.body)).toContain('completed_on_in_future');
    expect((await completion('2026-03-01')).status).toBe(201);
  });
});
