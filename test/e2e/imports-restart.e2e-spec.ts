import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { ensureBuilt, PROJECT_ROOT, ServiceProcess, startBuiltService, waitHealthy } from '../support/built-service';
import { CRASH_ADMIN_EMAIL, CRASH_ADMIN_PASSWORD, registryClient } from '../support/registry-client';
import { createTestDatabase, TestDatabase } from '../support/test-app';

const ROWS = 15_000;

/**
 * API.md "Imports": "a restart of the service resumes it where it stopped, and no row is written
 * twice" (issue 18 item 4). The built service (`node dist/apps/api/src/main.js`, jobs inline)
 * is killed with SIGKILL while a 15,000-officer import (3 chunks) runs, after at least one chunk
 * committed; restarted, it finishes the import, and every row is in the registry exactly once.
 */
describe('imports: kill -9 of the service mid-import, then a restart (e2e)', () => {
  let database: TestDatabase;
  let db: Pool;
  let dataDir: string;
  let service: ServiceProcess | undefined;
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
      JOBS_POLL_INTERVAL_MS: '500',
    });
    await waitHealthy(service, port);
  };

  beforeAll(async () => {
    ensureBuilt();
    database = await createTestDatabase();
    db = new Pool({ connectionString: database.url, max: 2 });
    dataDir = mkdtempSync(join(tmpdir(), 'post-registry-import-restart-'));
  }, 300_000); // a build of apps/api when dist/ is stale
  afterAll(async () => {
    await service?.stop();
    await db?.end();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it(`should finish a ${ROWS.toLocaleString('en-US')}-row import killed between chunks with every row exactly once`, async () => {
    await start();
    const admin = await api.login(CRASH_ADMIN_EMAIL, CRASH_ADMIN_PASSWORD);
    // A date of birth of its own for each row: no likely duplicates to flag, only rows to count.
    const born = (i: number) => new Date(Date.UTC(1950, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const rows = Array.from({ length: ROWS }, (_, i) => `R-${i},Given${i},Family${i},${born(i)}`);
    const started = await api.required('POST', '/api/v1/imports?kind=officers', {
      token: admin,
      body: ['sourceId,firstName,lastName,dateOfBirth', ...rows].join('\n'),
      contentType: 'text/csv',
    });
    const id = started.id as string;
    const t0 = performance.now();
    const progress = async () =>
      (await db.query(`SELECT status, processed FROM data_import WHERE id = $1`, [id])).rows[0] as { status: string; processed: number };

    // Killed once a chunk has committed and before the last one has: the import is mid-way.
    for (let seen = await progress(); seen.processed === 0; seen = await progress()) {
      if (seen.status === 'failed') throw new Error('the import failed');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    service!.child.kill('SIGKILL');
    await new Promise((resolve) => service!.child.once('exit', resolve));
    const atKill = await progress();
    process.stdout.write(`killed at ${atKill.processed} rows, ${((performance.now() - t0) / 1000).toFixed(1)} s after the upload\n`);
    expect(atKill.status).toBe('running');
    expect(atKill.processed).toBeGreaterThan(0);
    expect(atKill.processed).toBeLessThan(ROWS);

    await start();
    const deadline = Date.now() + 120_000;
    let done = await progress();
    while (done.status === 'running' || done.status === 'queued') {
      if (Date.now() > deadline) throw new Error(`import still ${done.status} at ${done.processed} rows:\n${service!.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      done = await progress();
    }
    process.stdout.write(`finished ${((performance.now() - t0) / 1000).toFixed(1)} s after the upload\n`);
    const view = await api.required('GET', `/api/v1/imports/${id}`, { token: admin });
    expect(view).toMatchObject({ status: 'succeeded', total: ROWS, processed: ROWS, accepted: ROWS, rejected: 0, unchanged: 0 });

    const counts = (
      await db.query(
        `SELECT (SELECT count(*) FROM officer WHERE import_id = $1)::int AS officers,
                (SELECT count(DISTINCT last_name) FROM officer WHERE import_id = $1)::int AS distinct_officers,
                (SELECT count(*) FROM officer_name n JOIN officer o ON o.id = n.officer_id WHERE o.import_id = $1)::int AS names,
                (SELECT count(*) FROM certification c JOIN officer o ON o.id = c.officer_id WHERE o.import_id = $1)::int AS certifications,
                (SELECT count(*) FROM import_officer WHERE import_id = $1)::int AS mapped,
                (SELECT count(DISTINCT source_id) FROM import_officer WHERE import_id = $1)::int AS distinct_mapped,
                (SELECT count(*) FROM import_source WHERE import_id = $1)::int AS sources`,
        [id],
      )
    ).rows[0];
    expect(counts).toEqual({
      officers: ROWS,
      distinct_officers: ROWS,
      names: ROWS,
      certifications: ROWS,
      mapped: ROWS,
      distinct_mapped: ROWS,
      sources: ROWS,
    });
    // One audit entry per chunk: the chunks cover rows 1..ROWS once each.
    const chunks = await db.query<{ from: number; to: number }>(
      `SELECT (details->'rows'->>'from')::int AS from, (details->'rows'->>'to')::int AS to FROM audit_log
        WHERE action = 'import.chunk' AND entity_id = $1 ORDER BY 1`,
      [id],
    );
    expect(chunks.rows.reduce((sum, chunk) => sum + chunk.to - chunk.from + 1, 0)).toBe(ROWS);
    expect(chunks.rows.every((chunk, i) => i === 0 || chunk.from === chunks.rows[i - 1].to + 1)).toBe(true);
    expect(chunks.rows[0].from).toBe(1);
  }, 240_000);
});
