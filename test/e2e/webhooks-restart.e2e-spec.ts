import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { ensureBuilt, PROJECT_ROOT, ServiceProcess, startBuiltService, waitHealthy } from '../support/built-service';
import { insertOfficers } from '../support/factories';
import { CRASH_ADMIN_EMAIL, CRASH_ADMIN_PASSWORD, registryClient, setUpActors } from '../support/registry-client';
import { createTestDatabase, TestDatabase } from '../support/test-app';
import { startWebhookReceiver, WebhookReceiver } from '../support/webhook-receiver';

const CHANGES = 40;

/** A port nobody listens on (yet): the receiver is down until the test starts it there. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Issue 19 "Reliability": a receiver that is down while the service is `kill -9`ed and restarted
 * still gets every event after both come back, and the repeats carry the same `webhook-id`. The
 * built service (jobs inline) is killed while some events wait in the outbox, some attempts failed
 * (connection refused) and wait for their retry, and some are in flight to a receiver that
 * accepted the connection and never answered; restarted, with the receiver answering again, it
 * delivers every event: the in-flight ones once their lease (30 s) runs out.
 */
describe('webhooks: kill -9 of the service while the receiver is down, then both back (e2e)', () => {
  let database: TestDatabase;
  let db: Pool;
  let dataDir: string;
  let service: ServiceProcess | undefined;
  let receiver: WebhookReceiver | undefined;
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const api = registryClient(`http://127.0.0.1:${port}`, 60_000);

  const start = async () => {
    service = startBuiltService(PROJECT_ROOT, {
      PATH: process.env.PATH,
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: database.url,
      LOG_LEVEL: 'warn',
      POST_BOOTSTRAP_ADMIN_EMAIL: CRASH_ADMIN_EMAIL,
      POST_BOOTSTRAP_ADMIN_PASSWORD: CRASH_ADMIN_PASSWORD,
      MFA_REQUIRED_ROLES: '',
      RATE_LIMIT_PER_MINUTE: '1000000',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
    });
    await waitHealthy(service, port);
  };

  beforeAll(async () => {
    ensureBuilt();
    database = await createTestDatabase();
    db = new Pool({ connectionString: database.url, max: 2 });
    dataDir = mkdtempSync(join(tmpdir(), 'post-registry-webhooks-restart-'));
  }, 300_000); // a build of apps/api when dist/ is stale
  afterAll(async () => {
    await service?.stop();
    await receiver?.close();
    await db?.end();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it(`should deliver all ${CHANGES} events after a kill -9 with the receiver down, with the same webhook-id on the repeats`, async () => {
    await start();
    const actors = await setUpActors(`http://127.0.0.1:${port}`, 'W');
    const adminEmail = 'webhooks-admin@crash.local';
    await api.required('POST', `/api/v1/organizations/${actors.agencyId}/users`, {
      token: actors.admin,
      json: { email: adminEmail, password: 'crash-user-password-1', roles: ['agency_admin'] },
    });
    const agencyAdmin = await api.login(adminEmail, 'crash-user-password-1');
    const receiverPort = await freePort();
    await api.required('POST', '/api/v1/webhooks', {
      token: agencyAdmin,
      json: { url: `http://127.0.0.1:${receiverPort}/hook`, events: ['officer.certification_changed'] },
    });
    const postIds = await insertOfficers(db, CHANGES);
    await db.query(
      `UPDATE certification SET status = 'certified', issued_on = '2025-01-02', expires_on = '2028-01-01', first_certified_on = '2025-01-02'
        WHERE officer_id IN (SELECT id FROM officer WHERE post_id = ANY ($1))`,
      [postIds],
    );
    await db.query(
      `INSERT INTO employment (officer_id, agency_id, position, start_date) SELECT id, $2, 'Patrol officer', '2025-01-02' FROM officer WHERE post_id = ANY ($1)`,
      [postIds, actors.agencyId],
    );
    const inactivate = (postId: string) =>
      api.required('POST', `/api/v1/officers/${postId}/certification/transitions`, {
        token: actors.adjudicator,
        json: { action: 'inactivate', reason: 'Left law enforcement' },
      });
    const attemptsBy = async () =>
      (
        await db.query<{ status: string; leased: boolean; n: number }>(
          `SELECT status, leased_until > now() AS leased, count(*)::int AS n FROM webhook_attempt GROUP BY 1, 2 ORDER BY 1, 2`,
        )
      ).rows;

    // The receiver is down (nothing listens): the first half's attempts are refused and wait for their retry.
    const half = CHANGES / 2;
    await Promise.all(postIds.slice(0, half).map(inactivate));
    for (;;) {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM webhook_attempt WHERE status = 'failed'`);
      if (rows[0].n > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // Then it accepts connections and never answers: the second half's attempts are in flight when the service is killed.
    receiver = await startWebhookReceiver(() => 'hang', receiverPort);
    const second = Promise.all(postIds.slice(half).map(inactivate));
    while (receiver.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await second;
    service!.child.kill('SIGKILL');
    await new Promise((resolve) => service!.child.once('exit', resolve));
    const waiting = (await db.query(`SELECT count(*)::int AS n FROM outbox_event WHERE dispatched_at IS NULL`)).rows[0].n as number;
    const atKill = await attemptsBy();
    process.stdout.write(`at the kill: ${waiting} events not relayed, attempts ${JSON.stringify(atKill)}, ${receiver.received.length} requests hung\n`);
    expect(atKill.some((row) => row.status === 'pending' && row.leased)).toBe(true);

    // Both come back: the receiver answers 200, the service restarts.
    receiver.respond = () => 200;
    const restarted = performance.now();
    await start();
    const deliveredPostIds = () => new Set(receiver!.received.filter((r) => r.status === 200).map((r) => JSON.parse(r.body).data.postId as string));
    const deadline = Date.now() + 90_000;
    while (deliveredPostIds().size < CHANGES) {
      if (Date.now() > deadline) throw new Error(`${deliveredPostIds().size}/${CHANGES} delivered; attempts ${JSON.stringify(await attemptsBy())}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    process.stdout.write(`all ${CHANGES} delivered ${((performance.now() - restarted) / 1000).toFixed(1)} s after the restart began\n`);
    expect([...deliveredPostIds()].sort()).toEqual([...postIds].sort());
    // One webhook-id per event, on every request that carried it, answered or not.
    const idsByPostId = new Map<string, Set<string>>();
    for (const request of receiver.received) {
      const postId = JSON.parse(request.body).data.postId as string;
      idsByPostId.set(postId, (idsByPostId.get(postId) ?? new Set()).add(String(request.headers['webhook-id'])));
    }
    expect([...idsByPostId.values()].every((ids) => ids.size === 1)).toBe(true);
    expect(receiver.received.some((request) => request.status === null)).toBe(true);
    const repeated = [...idsByPostId.values()].filter((ids) => receiver!.byId([...ids][0]).length > 1);
    expect(repeated.length).toBeGreaterThan(0);
  }, 240_000);
});
