import { FixedClock } from '@app/core';
import { bearer, startTestApp, TestApp, USER_PASSWORD } from '../support/test-app';

/** API.md "Authentication": five failed logins for one account within 15 minutes lock it, over a sliding window. */
describe('login lockout window (e2e)', () => {
  const start = new Date();
  const clock = new FixedClock(start);
  const at = (minutes: number) => clock.set(new Date(start.getTime() + minutes * 60_000));
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ clock });
  });
  afterAll(() => t.close());

  async function userAt(email: string) {
    const agencyId = (await t.createOrganization('agency')).id;
    const response = await t
      .http()
      .post(`/api/v1/organizations/${agencyId}/users`)
      .set(bearer(await t.adminToken()))
      .send({ email, password: USER_PASSWORD, roles: ['agency_hiring'] });
    expect(response.status).toBe(201);
    return response.body.id as string;
  }
  const login = (email: string, password: string) => t.http().post('/api/v1/auth/login').send({ email, password });
  const lockedUntil = async (id: string) => (await t.db.query(`SELECT locked_until FROM app_user WHERE id = $1`, [id])).rows[0].locked_until as Date | null;

  it('should lock failures paced around the edge of a window fixed at the first one', async () => {
    const id = await userAt('paced@example.test');
    for (const minute of [0, 14.5, 14.6, 14.7, 15.0]) {
      at(minute);
      expect((await login('paced@example.test', `wrong-${minute}`)).status).toBe(401);
    }
    expect(await lockedUntil(id)).toBeNull(); // the failure at minute 0 left the window at minute 15
    at(15.1);
    expect((await login('paced@example.test', 'wrong-again')).status).toBe(401);
    expect(await lockedUntil(id)).not.toBeNull();
    expect((await login('paced@example.test', USER_PASSWORD)).status).toBe(401);
    const { rows } = await t.db.query(`SELECT action FROM audit_log WHERE entity_id = $1 AND action = 'auth.account_locked'`, [id]);
    expect(rows).toHaveLength(1);
  });

  it('should not lock five failures spread over more than 15 minutes, and forget all on success', async () => {
    const id = await userAt('spread@example.test');
    for (const minute of [0, 4, 8, 12, 16]) {
      at(minute);
      expect((await login('spread@example.test', 'wrong')).status).toBe(401);
    }
    expect(await lockedUntil(id)).toBeNull();
    expect((await login('spread@example.test', USER_PASSWORD)).status).toBe(200);
    expect((await t.db.query(`SELECT cardinality(recent_failed_logins) AS n FROM app_user WHERE id = $1`, [id])).rows[0].n).toBe(0);
  });
});
