import { startEmbeddedPostgres } from '@app/database';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** The zero-setup database of `npm start`: persistent, restartable, and self-healing after a hard kill. */
describe('embedded PostgreSQL lifecycle (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'post-registry-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  async function query(url: string, sql: string) {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  }

  it('should keep data across a stop and a start', async () => {
    const first = await startEmbeddedPostgres({ dataDir, persistent: true });
    await query(first.adminUrl, `CREATE TABLE kept (value text); INSERT INTO kept VALUES ('survives')`);
    await first.stop();
    const second = await startEmbeddedPostgres({ dataDir, persistent: true });
    expect(await query(second.adminUrl, 'SELECT value FROM kept')).toEqual([{ value: 'survives' }]);
    await second.stop();
  });

  it('should recover when a previous process died and left its server running', async () => {
    const orphan = await startEmbeddedPostgres({ dataDir, persistent: true });
    const orphanPid = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    // Not stopped: as after `kill -9` of the Node process, the server keeps running and keeps the lock.
    const next = await startEmbeddedPostgres({ dataDir, persistent: true });
    expect(() => process.kill(orphanPid, 0)).toThrow();
    expect(await query(next.adminUrl, 'SELECT value FROM kept')).toEqual([{ value: 'survives' }]);
    await next.stop();
    expect(orphan.port).not.toBe(next.port);
  });
});
