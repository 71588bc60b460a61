import { defineQueue, IDEMPOTENCY_KEY_PRUNING_QUEUE, Jobs } from '@app/jobs';
import { DataSource } from 'typeorm';
import { BUILT_WORKER_MAIN, ensureBuilt, PROJECT_ROOT, startBuiltService } from '../support/built-service';
import { eventually, waitForJob } from '../support/jobs';
import { createTestDatabase, startTestApp, TestApp, TestDatabase } from '../support/test-app';

/**
 * Durable jobs (pg-boss, DESIGN.md "Growing the house"): a job survives a restart, runs once
 * however many processes run, and a schedule fires once a slot. Several real apps share one
 * database here, as several API processes would.
 */
describe('Durable jobs (e2e)', () => {
  let database: TestDatabase;
  const apps: TestApp[] = [];
  const start = async (env: Record<string, string> = {}) => {
    const app = await startTestApp({ database, env });
    apps.push(app);
    return app;
  };
  const stop = async (app: TestApp) => {
    apps.splice(apps.indexOf(app), 1);
    await app.close();
  };

  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await database.drop();
  });

  const jobState = async (app: TestApp, id: string) => (await app.db.query(`SELECT state FROM pgboss.job WHERE id = $1`, [id])).rows[0]?.state;

  it('should keep a job sent while no worker runs, and run it after a restart', async () => {
    const sender = await start({ JOBS_WORKER: 'off' });
    const commission = await sender.commissionId();
    await sender.db.query(
      `INSERT INTO idempotency_key (organization_id, key, method, path, request_hash, created_at)
       VALUES ($1, 'stale-key', 'POST', '/api/v1/officers', 'hash', now() - interval '30 days')`,
      [commission],
    );
    const id = (await sender.app.get(Jobs).send(IDEMPOTENCY_KEY_PRUNING_QUEUE, {}))!;
    // Three polling intervals: with JOBS_WORKER=off nothing runs it.
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(await jobState(sender, id)).toBe('created');
    await stop(sender);

    const restarted = await start();
    expect((await waitForJob(restarted.db, id)).state).toBe('completed');
    expect((await restarted.db.query(`SELECT 1 FROM idempotency_key WHERE key = 'stale-key'`)).rowCount).toBe(0);
  });

  it('should run each queued job exactly once with two processes on one database', async () => {
    const queue = defineQueue<{ n: number }>('test-exactly-once');
    const [first, second] = [await start(), await start()];
    const runs: { process: string; n: number }[] = [];
    for (const [label, app] of [
      ['first', first],
      ['second', second],
    ] as const) {
      await app.app.get(Jobs).work(
        queue,
        async ({ n }) => {
          runs.push({ process: label, n });
          await new Promise((resolve) => setTimeout(resolve, 20));
        },
        { concurrency: 2 },
      );
    }
    const sent = await Promise.all(Array.from({ length: 40 }, (_, n) => first.app.get(Jobs).send(queue, { n })));
    await eventually(
      async () => (await first.db.query(`SELECT 1 FROM pgboss.job WHERE name = $1 AND state = 'completed'`, [queue.name])).rowCount === 40,
      20_000,
      'all 40 jobs completed',
    );
    expect(new Set(sent).size).toBe(40);
    expect(runs).toHaveLength(40);
    expect(new Set(runs.map((run) => run.n)).size).toBe(40);
  });

  it('should fire a schedule once per slot across two processes', async () => {
    const queue = defineQueue<Record<string, never>>('test-every-minute');
    const env = { JOBS_CRON_INTERVAL_SECONDS: '1' };
    const [first, second] = [await start(env), await start(env)];
    const runs: string[] = [];
    const startedAt = new Date();
    for (const [label, app] of [
      ['first', first],
      ['second', second],
    ] as const) {
      await app.app.get(Jobs).work(queue, () => Promise.resolve(void runs.push(label)));
      await app.app.get(Jobs).schedule(queue, '* * * * *');
    }
    await eventually(() => Promise.resolve(runs.length > 0), 20_000, 'the schedule fired');
    // Both processes check the clock every second; a few more checks must not fire it again.
    await new Promise((resolve) => setTimeout(resolve, 4000));
    const minutesSpanned = Math.floor(Date.now() / 60_000) - Math.floor(startedAt.getTime() / 60_000) + 1;
    const { rows } = await first.db.query(`SELECT state FROM pgboss.job WHERE name = $1`, [queue.name]);
    expect(rows.length).toBeLessThanOrEqual(minutesSpanned);
    expect(runs.length).toBe(rows.length);
  });

  it('should send inside the caller’s transaction, as the requests’ role: nothing on a rollback', async () => {
    const queue = defineQueue<{ outcome: string }>('test-transactional');
    const app = await start({ JOBS_WORKER: 'off' });
    const jobs = app.app.get(Jobs);
    const dataSource = app.app.get(DataSource);
    await expect(
      dataSource.transaction(async (manager) => {
        await jobs.sendInTransaction(manager, queue, { outcome: 'rolled back' });
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    const committed = await dataSource.transaction(async (manager) => {
      const [{ role }] = await manager.query(`SELECT current_user AS role`);
      expect(role).toBe('post_registry_app');
      return jobs.sendInTransaction(manager, queue, { outcome: 'committed' });
    });
    const { rows } = await app.db.query(`SELECT id, data FROM pgboss.job WHERE name = $1`, [queue.name]);
    expect(rows).toEqual([{ id: committed, data: { outcome: 'committed' } }]);
    await expect(jobs.sendInTransaction(dataSource.manager, queue, { outcome: 'no transaction' })).rejects.toThrow(/open transaction/);
  });

  it('should send many jobs in the caller’s transaction in one statement, with the queue’s settings, none on a rollback', async () => {
    const queue = defineQueue<{ n: number }>('test-many-in-transaction', { retryLimit: 3 });
    const app = await start({ JOBS_WORKER: 'off' });
    const jobs = app.app.get(Jobs);
    const dataSource = app.app.get(DataSource);
    const many = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => ({ data: { n: from + i }, options: { singletonKey: `k${from + i}` } }));
    await expect(
      dataSource.transaction(async (manager) => {
        await jobs.sendManyInTransaction(manager, queue, many(0, 3));
        throw new Error('the change fails');
      }),
    ).rejects.toThrow('the change fails');
    await dataSource.transaction((manager) => jobs.sendManyInTransaction(manager, queue, many(0, 3)));
    const { rows } = await app.db.query(`SELECT data, singleton_key, retry_limit FROM pgboss.job WHERE name = $1 ORDER BY singleton_key`, [queue.name]);
    expect(rows).toEqual([0, 1, 2].map((n) => ({ data: { n }, singleton_key: `k${n}`, retry_limit: 3 })));
  });

  it('should retry a failing job and keep no bound parameter of its error', async () => {
    const queue = defineQueue<Record<string, never>>('test-failing', { retryLimit: 1, retryDelaySeconds: 0 });
    const app = await start();
    let attempts = 0;
    await app.app.get(Jobs).work(queue, async () => {
      attempts++;
      // A database error whose detail and parameters hold a restricted value (a date of birth).
      await app.app.get(DataSource).query(`SELECT $1::int`, ['1990-04-12']);
    });
    const id = (await app.app.get(Jobs).send(queue, {}))!;
    const job = await waitForJob(app.db, id);
    expect(job.state).toBe('failed');
    expect(attempts).toBe(2);
    expect(JSON.stringify(job.output)).not.toContain('1990-04-12');
    expect(JSON.stringify(job.output)).toContain('22P02');
  });

  it('should run the jobs in apps/worker, its own process, while the API only sends (JOBS_WORKER=off), and stop on SIGTERM', async () => {
    ensureBuilt('worker');
    const api = await start({ JOBS_WORKER: 'off' });
    await api.db.query(
      `INSERT INTO idempotency_key (organization_id, key, method, path, request_hash, created_at)
       VALUES ($1, 'stale-key', 'POST', '/api/v1/officers', 'hash', now() - interval '30 days')`,
      [await api.commissionId()],
    );
    const id = (await api.app.get(Jobs).send(IDEMPOTENCY_KEY_PRUNING_QUEUE, {}))!;
    const worker = startBuiltService(
      PROJECT_ROOT,
      { PATH: process.env.PATH, DATABASE_URL: database.url, JOBS_POLL_INTERVAL_MS: '500', LOG_LEVEL: 'info' },
      { main: BUILT_WORKER_MAIN },
    );
    try {
      expect((await waitForJob(api.db, id, 120_000)).state).toBe('completed');
      expect((await api.db.query(`SELECT 1 FROM idempotency_key WHERE key = 'stale-key'`)).rowCount).toBe(0);
    } finally {
      await worker.stop();
    }
    expect(worker.child.exitCode).toBe(0);
    expect(worker.output()).toContain('SIGTERM: shutting down');
    expect(worker.output()).toContain('idempotency keys pruned');
  }, 300_000); // a build of apps/worker when dist/ is stale, then a process's start-up: minutes on a loaded machine
});
