import { ImportProcessingJob } from '@app/imports';
import { awaitImport, csv, postImport } from '../support/import-helpers';
import { eventually } from '../support/jobs';
import { bearer, createTestDatabase, startTestApp, TestApp, TestDatabase } from '../support/test-app';

/**
 * Imports run on the durable job queue (pg-boss, issue 18 item 1): the job is queued in the
 * transaction that records the import, runs wherever JOBS_WORKER=inline, and one process at a
 * time runs an import (an advisory lock the database drops with a dead process's connection).
 */
describe('imports on durable jobs (e2e)', () => {
  let database: TestDatabase;
  const apps: TestApp[] = [];
  const start = async (env: Record<string, string> = {}) => {
    const app = await startTestApp({ database, env });
    apps.push(app);
    return app;
  };
  const officers = (n: number, prefix: string) =>
    csv(
      'sourceId,firstName,lastName,dateOfBirth',
      Array.from({ length: n }, (_, i) => `${prefix}-${i},First${i},Last${prefix}${i},1980-01-${String((i % 28) + 1).padStart(2, '0')}`),
    );

  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await database.drop();
  });

  it('should queue the job with the import, leave it queued while no worker runs, and run it in a process that runs the jobs', async () => {
    const api = await start({ JOBS_WORKER: 'off' });
    const admin = await api.adminToken();
    const refused = await postImport(api, admin, 'officers', 'sourceId,firstName\nX,Y\n');
    expect(refused.status).toBe(400);
    const accepted = await postImport(api, admin, 'officers', officers(3, 'Q'));
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ kind: 'officers', dryRun: false, status: 'queued' });
    const jobs = await api.db.query(`SELECT data FROM pgboss.job WHERE name = 'imports.process'`);
    expect(jobs.rows).toEqual([{ data: { importId: accepted.body.id } }]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await api.http().get(`/api/v1/imports/${accepted.body.id}`).set(bearer(admin))).body).toMatchObject({ status: 'queued', processed: 0 });

    const worker = await start();
    expect(await awaitImport(worker, await worker.adminToken(), accepted.body.id)).toMatchObject({ status: 'succeeded', accepted: 3 });
    expect((await api.db.query(`SELECT count(*)::int AS n FROM officer WHERE last_name LIKE 'LastQ%'`)).rows[0].n).toBe(3);
  });

  it('should leave an import to the process that holds it, and resume it once nobody does', async () => {
    const api = await start({ JOBS_WORKER: 'off' });
    const holder = await api.db.connect();
    try {
      const response = await postImport(api, await api.adminToken(), 'officers', officers(12, 'H'));
      const id = response.body.id as string;
      // Held as a live process's run holds it: the job finds the import busy and leaves it.
      await holder.query(`SELECT pg_advisory_lock(18001, hashtext($1))`, [id]);
      const app = await start();
      const admin = await app.adminToken();
      await eventually(
        async () => (await app.db.query(`SELECT 1 FROM pgboss.job WHERE name = 'imports.process' AND state = 'completed'`)).rowCount === 1,
        15_000,
        'the job ended',
      );
      expect((await app.http().get(`/api/v1/imports/${id}`).set(bearer(admin))).body).toMatchObject({ status: 'queued', processed: 0 });
      expect(await app.app.get(ImportProcessingJob).resume()).toBe(0);

      await holder.query(`SELECT pg_advisory_unlock(18001, hashtext($1))`, [id]);
      expect(await app.app.get(ImportProcessingJob).resume()).toBe(1);
      expect(await awaitImport(app, admin, id)).toMatchObject({ status: 'succeeded', accepted: 12 });
      expect(await app.app.get(ImportProcessingJob).resume()).toBe(0);
    } finally {
      holder.release();
    }
  });
});
