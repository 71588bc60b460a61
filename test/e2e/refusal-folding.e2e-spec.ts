import { AuditFoldingJob } from '@app/audit';
import { FixedClock } from '@app/core';
import { Client } from 'pg';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/** AuditService's chain lock (the advisory lock every audited write takes until it commits). */
const AUDIT_CHAIN_LOCK = 7_007_007;
const T1 = new Date('2026-04-01T09:00:00.000Z');
const T2 = new Date('2026-04-01T09:05:00.000Z');

/**
 * Issue 17, item 5: a refusal (`access.refused`, which anyone can cause at will) is committed
 * before it is answered WITHOUT the audit chain's lock, in `audit_pending`; a folder chains the
 * pending rows in batches, in order, keeping each refusal's own time; GET /audit and
 * /audit/verify fold first, so they show every refusal; a folder that dies mid-batch loses none.
 */
describe('refusals recorded without the chain lock, folded later (e2e)', () => {
  let t: TestApp;
  let clock: FixedClock;
  let admin: string;
  let prober: string;
  let lockHolder: Client;

  beforeAll(async () => {
    clock = new FixedClock(T1);
    t = await startTestApp({ clock });
    // The timer would fold behind the tests' backs: these tests fold when they mean to.
    await t.app.get(AuditFoldingJob).stop();
    admin = await t.adminToken();
    const agency = await t.createOrganization('agency');
    prober = await t.userToken(agency.id, ['agency_hiring']);
    lockHolder = new Client({ connectionString: t.databaseUrl });
    await lockHolder.connect();
  });
  afterAll(async () => {
    await lockHolder.end();
    await t.close();
  });

  const pending = async () => Number((await t.db.query(`SELECT count(*) FROM audit_pending`)).rows[0].count);
  const chainedRefusals = async () => Number((await t.db.query(`SELECT count(*) FROM audit_log WHERE action = 'access.refused'`)).rows[0].count);
  const probe = () => t.http().get('/api/v1/audit').set(bearer(prober)).timeout(4_000);

  it('answers a refusal, committed, while a write holds the chain lock (it waited for it before)', async () => {
    await t.foldAudit();
    await lockHolder.query('SELECT pg_advisory_lock($1)', [AUDIT_CHAIN_LOCK]);
    try {
      const started = Date.now();
      const refused = await probe();
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'AUTH.FORBIDDEN' });
      // Well under the 5 s statement timeout a wait for the lock would have run into.
      expect(Date.now() - started).toBeLessThan(2_000);
      // Committed: another connection sees it, before any fold.
      expect(await pending()).toBe(1);
    } finally {
      await lockHolder.query('SELECT pg_advisory_unlock($1)', [AUDIT_CHAIN_LOCK]);
    }
  });

  it('GET /audit folds first: every refusal is listed, chained in the order made, with the time it was made', async () => {
    await t.foldAudit();
    clock.set(T1);
    const refusals = [];
    for (let i = 0; i < 3; i++) refusals.push(await probe().set('X-Request-Id', `probe-${i}`));
    expect(refusals.map((r) => r.status)).toEqual([403, 403, 403]);
    clock.set(T2);
    expect(await pending()).toBe(3);
    const list = await t.http().get('/api/v1/audit?entityType=audit_log&limit=3').set(bearer(admin));
    expect(list.status).toBe(200);
    expect(list.body.items.map((e: { action: string; requestId: string; at: string }) => [e.action, e.requestId, e.at])).toEqual([
      ['access.refused', 'probe-2', T1.toISOString()],
      ['access.refused', 'probe-1', T1.toISOString()],
      ['access.refused', 'probe-0', T1.toISOString()],
    ]);
    expect(await pending()).toBe(0);
  });

  it('GET /audit/verify folds first: the refusals are counted in a valid chain', async () => {
    for (let i = 0; i < 5; i++) expect((await probe()).status).toBe(403);
    const entries = Number((await t.db.query(`SELECT count(*) FROM audit_log`)).rows[0].count);
    const verified = await t.http().get('/api/v1/audit/verify').set(bearer(admin));
    expect(verified.body).toMatchObject({ valid: true, entries: entries + 5 });
    expect(await pending()).toBe(0);
  });

  it('folds many at a time, in batches, keeping the chain valid while audited writes race it', async () => {
    const before = await chainedRefusals();
    // 2,500 refusals straight into the table (as the service writes them): three batches of the folder.
    await t.db.query(
      `INSERT INTO audit_pending (at, actor_kind, actor_id, organization_id, action, entity_type, entity_id, request_id, details)
       SELECT $1, 'user', NULL, NULL, 'access.refused', 'route', NULL, 'bulk-' || g, jsonb_build_object('n', g) FROM generate_series(1, 2500) AS g`,
      [T1.toISOString()],
    );
    const writes = Array.from({ length: 10 }, (_, i) =>
      t
        .http()
        .post('/api/v1/organizations')
        .set(bearer(admin))
        .send({ type: 'academy', name: `Racing ${i}`, code: `RACE${i}` }),
    );
    const [folded, ...created] = await Promise.all([t.foldAudit(), ...writes]);
    expect(created.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(folded).toBe(2500);
    expect(await chainedRefusals()).toBe(before + 2500);
    const order = await t.db.query(`SELECT details->>'n' AS n FROM audit_log WHERE request_id LIKE 'bulk-%' ORDER BY seq`);
    expect(order.rows.map((r: { n: string }) => Number(r.n))).toEqual(Array.from({ length: 2500 }, (_, i) => i + 1));
    expect((await t.http().get('/api/v1/audit/verify').set(bearer(admin))).body.valid).toBe(true);
  });

  it('loses no refusal when the folder dies mid-batch: the rows it took come back pending, and the next fold chains them', async () => {
    await t.foldAudit();
    for (let i = 0; i < 4; i++) expect((await probe()).status).toBe(403);
    const before = await chainedRefusals();
    await lockHolder.query('SELECT pg_advisory_lock($1)', [AUDIT_CHAIN_LOCK]);
    let fold: Promise<unknown> | undefined;
    try {
      fold = t.foldAudit().catch((error: unknown) => error);
      // The folder has taken the rows (DELETE ... RETURNING) and waits for the chain lock: kill its connection.
      let killed = 0;
      for (let attempt = 0; attempt < 100 && killed === 0; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const { rows } = await lockHolder.query(
          `SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event = 'advisory' AND query LIKE '%pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})%'`,
        );
        killed = rows.length;
      }
      expect(killed).toBe(1);
      expect(await fold).toBeInstanceOf(Error);
    } finally {
      await lockHolder.query('SELECT pg_advisory_unlock($1)', [AUDIT_CHAIN_LOCK]);
    }
    expect(await pending()).toBe(4);
    expect(await t.foldAudit()).toBe(4);
    expect(await chainedRefusals()).toBe(before + 4);
    expect((await t.http().get('/api/v1/audit/verify').set(bearer(admin))).body.valid).toBe(true);
  });

  it('keeps pending rows from being edited, by grant and by trigger', async () => {
    expect((await probe()).status).toBe(403);
    const client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    try {
      await client.query('SET ROLE post_registry_app');
      await expect(client.query(`UPDATE audit_pending SET action = 'x'`)).rejects.toThrow(/permission denied/);
      await client.query('RESET ROLE');
      await expect(client.query(`UPDATE audit_pending SET action = 'x'`)).rejects.toThrow(/append-only/);
      await expect(client.query(`TRUNCATE audit_pending`)).rejects.toThrow(/append-only/);
    } finally {
      await client.end();
    }
  });
});
