import { Client } from 'pg';
import { bearer, startTestApp, TestApp } from '../support/test-app';

describe('audit log (e2e)', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const verify = (query = '') => t.http().get(`/api/v1/audit/verify${query}`).set(bearer(admin));

  it('should keep a valid, gapless chain after a burst of concurrent writes', async () => {
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        t
          .http()
          .post('/api/v1/organizations')
          .set(bearer(admin))
          .send({ type: 'agency', name: `Burst ${i}`, code: `BURST${i}` }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(40).fill(201));
    const result = await verify();
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ valid: true, head: { seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    const { rows } = await t.db.query(`SELECT count(*)::int AS n, max(seq)::int AS max FROM audit_log`);
    expect(rows[0].n).toBe(rows[0].max);
    expect(result.body.entries).toBe(rows[0].n);
  });

  it('should keep the chain valid when batched writers (hiring checks, several entries per transaction) race single writers', async () => {
    const agency = await t.createOrganization('agency');
    const hiring = await t.userToken(agency.id, ['agency_hiring']);
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM audit_log`)).rows[0].n as number;
    const checks = Array.from({ length: 60 }, (_, i) =>
      t
        .http()
        .post('/api/v1/hiring-checks')
        .set(bearer(hiring))
        .send({ postId: `MA-${String(900000 + i).padStart(6, '0')}` }),
    );
    const organizations = Array.from({ length: 20 }, (_, i) =>
      t
        .http()
        .post('/api/v1/organizations')
        .set(bearer(admin))
        .send({ type: 'academy', name: `Race ${i}`, code: `RACE${i}` }),
    );
    const responses = await Promise.all([...checks, ...organizations]);
    expect(responses.map((r) => r.status)).toEqual(Array(80).fill(201));
    const result = await verify();
    expect(result.body).toMatchObject({ valid: true });
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n, max(seq)::int AS max,
              count(*) FILTER (WHERE action = 'hiring_check.create' AND seq > $1)::int AS checks,
              count(*) FILTER (WHERE action = 'organization.create' AND seq > $1)::int AS organizations
         FROM audit_log`,
      [before],
    );
    expect(rows[0]).toMatchObject({ checks: 60, organizations: 20 });
    expect(rows[0].n).toBe(rows[0].max);
    // The race was real: some checks were committed together (a batch's entries share one timestamp).
    const batches = await t.db.query(`SELECT count(*)::int AS size FROM audit_log WHERE action = 'hiring_check.create' AND seq > $1 GROUP BY at`, [before]);
    expect(Math.max(...batches.rows.map((row) => row.size as number))).toBeGreaterThan(1);
  });

  it('should list entries for one entity', async () => {
    const created = await t.http().post('/api/v1/organizations').set(bearer(admin)).send({ type: 'academy', name: 'Listed', code: 'LISTED' });
    const list = await t.http().get(`/api/v1/audit?entityType=organization&entityId=${created.body.id}`).set(bearer(admin));
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({ action: 'organization.create', entityId: created.body.id, details: expect.objectContaining({ code: 'LISTED' }) }),
    ]);
  });

  it('should publish the chain head without authentication and verify against a saved head', async () => {
    const head = await t.http().get('/api/v1/public/audit/head');
    expect(head.status).toBe(200);
    expect(head.body).toEqual({ seq: expect.any(Number), hash: expect.any(String), at: expect.any(String) });
    const ok = await verify(`?knownSeq=${head.body.seq}&knownHash=${head.body.hash}`);
    expect(ok.body.valid).toBe(true);
    const forged = await verify(`?knownSeq=${head.body.seq}&knownHash=${'0'.repeat(64)}`);
    expect(forged.body).toEqual({ valid: false, firstBrokenEntry: { seq: head.body.seq, reason: expect.stringContaining('saved head') } });
    expect((await verify('?knownSeq=abc&knownHash=xyz')).status).toBe(400);
  });

  it('should refuse UPDATE and DELETE from the service role and by trigger', async () => {
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      await client.query('SET ROLE post_registry_app');
      await expect(client.query(`UPDATE audit_log SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/permission denied/);
      await expect(client.query(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(/permission denied/);
      await client.query('RESET ROLE');
      await expect(client.query(`UPDATE audit_log SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
      await expect(client.query(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(/append-only/);
      await expect(client.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
  });

  it('should name the first broken entry after a superuser tampers with a row, and catch a truncated tail', async () => {
    const before = await t.http().get('/api/v1/public/audit/head');
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      // A superuser can bypass triggers; the chain is what catches it.
      await client.query(`SET session_replication_role = replica`);
      await client.query(`UPDATE audit_log SET details = '{"code":"FORGED"}' WHERE seq = 3`);
      const tampered = await verify();
      expect(tampered.body).toEqual({ valid: false, firstBrokenEntry: { seq: 3, reason: 'content does not match its hash' } });

      await client.query(`DELETE FROM audit_log`);
      await client.query(`SET session_replication_role = origin`);
      const truncated = await verify(`?knownSeq=${before.body.seq}&knownHash=${before.body.hash}`);
      expect(truncated.body.valid).toBe(false);
    } finally {
      await client.end();
    }
  });
});
