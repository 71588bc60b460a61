import { IDEMPOTENCY_KEY_RETENTION_HOURS, pruneIdempotencyKeys } from '@app/database';
import { IDEMPOTENCY_KEY_PRUNING_CRON, IDEMPOTENCY_KEY_PRUNING_QUEUE, Jobs } from '@app/jobs';
import { DataSource } from 'typeorm';
import { waitForJob } from '../support/jobs';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** API.md: creating requests accept an Idempotency-Key; a retried submission never creates a twin. */
describe('Idempotency-Key on officer creation (e2e)', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp();
    token = await t.userToken(await t.commissionId(), ['commission_admin']);
  });
  afterAll(() => t.close());

  const create = (key: string, body: Record<string, unknown>) => t.http().post('/api/v1/officers').set(bearer(token)).set('Idempotency-Key', key).send(body);
  const officer = (lastName: string) => ({ firstName: 'Dana', lastName, dateOfBirth: '1990-04-12' });
  const count = async (lastName: string) => (await t.db.query(`SELECT 1 FROM officer WHERE last_name = $1`, [lastName])).rowCount;

  it('should replay the original response for the same key and body', async () => {
    const first = await create('key-replay', officer('Replay'));
    const retry = await create('key-replay', officer('Replay'));
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(await count('Replay')).toBe(1);
  });

  it('should refuse the same key with another body with 409 and store nothing new', async () => {
    expect((await create('key-conflict', officer('Original'))).status).toBe(201);
    const other = await create('key-conflict', officer('Different'));
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(await count('Different')).toBe(0);
  });

  it('should create exactly one officer when the same submission arrives in parallel', async () => {
    const responses = await Promise.all(Array.from({ length: 5 }, () => create('key-parallel', officer('Parallel'))));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(responses.map((r) => r.body.postId)).size).toBe(1);
    expect(await count('Parallel')).toBe(1);
  });

  it('should not keep the key of a refused request, so the corrected retry goes through', async () => {
    const refused = await create('key-refused', { ...officer('Refused'), dateOfBirth: '2999-01-01' });
    expect(refused.status).toBe(400);
    const { rowCount } = await t.db.query(`SELECT 1 FROM idempotency_key WHERE key = 'key-refused'`);
    expect(rowCount).toBe(0);
  });

  it('should refuse a malformed key', async () => {
    const response = await create('x'.repeat(300), officer('Malformed'));
    expect(response.status).toBe(400);
    expect(await count('Malformed')).toBe(0);
  });

  // A retried API key creation made a second live credential. Its secret cannot be replayed (it is stored nowhere).
  describe('API key creation', () => {
    const createKey = (key: string, body: Record<string, unknown>) =>
      t.http().post(`/api/v1/organizations/${agencyId}/api-keys`).set(bearer(token)).set('Idempotency-Key', key).send(body);
    const keysNamed = async (name: string) => (await t.db.query(`SELECT id FROM api_key WHERE name = $1`, [name])).rows.map((r: { id: string }) => r.id);
    let agencyId: string;
    beforeAll(async () => {
      agencyId = (await t.createOrganization('agency')).id;
    });

    it('should make one key for a retried submission, and answer the retry with 409 naming it, never the secret', async () => {
      const first = await createKey('api-key-1', { name: 'roster-sync', roles: ['agency_hiring'] });
      expect(first.status).toBe(201);
      const retry = await createKey('api-key-1', { name: 'roster-sync', roles: ['agency_hiring'] });
      expect(retry.status).toBe(409);
      expect(retry.body).toMatchObject({ code: 'IDEMPOTENCY.SECRET_NOT_REPLAYABLE', apiKeyId: first.body.id });
      expect(retry.text).not.toContain(first.body.key);
      expect(await keysNamed('roster-sync')).toEqual([first.body.id]);
      const stored = await t.db.query(`SELECT response_body::text AS body FROM idempotency_key WHERE key = 'api-key-1'`);
      expect(stored.rows[0].body).not.toContain(first.body.key);
    });

    it('should make exactly one key when the same submission arrives in parallel', async () => {
      const responses = await Promise.all(Array.from({ length: 4 }, () => createKey('api-key-parallel', { name: 'parallel-sync', roles: ['agency_hiring'] })));
      expect(responses.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
      expect(await keysNamed('parallel-sync')).toHaveLength(1);
    });

    it('should refuse the same key with another body, and create without a key as before', async () => {
      expect((await createKey('api-key-2', { name: 'first-name', roles: ['agency_hiring'] })).status).toBe(201);
      expect((await createKey('api-key-2', { name: 'other-name', roles: ['agency_hiring'] })).body.code).toBe('IDEMPOTENCY.KEY_REUSED');
      const plain = () =>
        t
          .http()
          .post(`/api/v1/organizations/${agencyId}/api-keys`)
          .set(bearer(token))
          .send({ name: 'no-key', roles: ['agency_hiring'] });
      expect([(await plain()).status, (await plain()).status]).toEqual([201, 201]);
    });
  });

  describe('pruning', () => {
    const age = (key: string, hours: number) =>
      t.db.query(`UPDATE idempotency_key SET created_at = now() - make_interval(hours => $2) WHERE key = $1`, [key, hours]);
    const stored = async () => (await t.db.query(`SELECT key FROM idempotency_key WHERE key LIKE 'key-age-%' ORDER BY key`)).rows.map((r) => r.key);

    it('should keep keys a week, then delete them daily (a pg-boss schedule), after which the key is a new request', async () => {
      expect(IDEMPOTENCY_KEY_RETENTION_HOURS).toBeGreaterThanOrEqual(24); // API.md: kept at least 24 hours
      // Each its own date of birth: the same name and date would be refused as a likely duplicate.
      const person = (lastName: string, dateOfBirth: string) => ({ ...officer(lastName), dateOfBirth });
      expect((await create('key-age-old', person('Aged', '1971-01-01'))).status).toBe(201);
      expect((await create('key-age-recent', person('Recent', '1972-02-02'))).status).toBe(201);
      await age('key-age-old', IDEMPOTENCY_KEY_RETENTION_HOURS + 1);
      await age('key-age-recent', IDEMPOTENCY_KEY_RETENTION_HOURS - 1);

      // The job the schedule sends daily, sent now: the API process's worker (JOBS_WORKER=inline) runs it.
      const jobId = (await t.app.get(Jobs).send(IDEMPOTENCY_KEY_PRUNING_QUEUE, {}))!;
      expect((await waitForJob(t.db, jobId)).state).toBe('completed');
      expect(await stored()).toEqual(['key-age-recent']);
      const schedule = await t.db.query(`SELECT cron, timezone FROM pgboss.schedule WHERE name = $1`, [IDEMPOTENCY_KEY_PRUNING_QUEUE.name]);
      expect(schedule.rows).toEqual([{ cron: '35 0 * * *', timezone: 'UTC' }]);
      expect(IDEMPOTENCY_KEY_PRUNING_CRON).toBe('35 0 * * *');

      // The recent key still guards its request; the pruned one no longer does.
      const guarded = await create('key-age-recent', person('Other', '1973-03-03'));
      expect(guarded.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
      const reused = await create('key-age-old', person('Newcomer', '1974-04-04'));
      expect(reused.status).toBe(201);
      expect(await count('Newcomer')).toBe(1);
    });

    it('should prune in batches until none is left', async () => {
      const keys = ['key-age-batch-1', 'key-age-batch-2', 'key-age-batch-3'];
      for (const [i, key] of keys.entries())
        expect((await create(key, { ...officer(`Batch${'x'.repeat(i)}`), dateOfBirth: `196${i}-05-05` })).status).toBe(201);
      for (const key of keys) await age(key, IDEMPOTENCY_KEY_RETENTION_HOURS + 1);
      const cutoff = new Date(Date.now() - IDEMPOTENCY_KEY_RETENTION_HOURS * 3_600_000);
      expect(await pruneIdempotencyKeys(t.app.get(DataSource).manager, cutoff, 2)).toBe(3);
      expect((await stored()).filter((key) => key.startsWith('key-age-batch'))).toEqual([]);
    });
  });
});
