import { EmbeddedDatabaseError, startEmbeddedPostgres } from '@app/database';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

async function query(url: string, sql: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** The zero-setup database of `npm start`: persistent, restartable, and self-healing after a hard kill. */
describe('embedded PostgreSQL lifecycle (e2e)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'post-registry-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

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

/** As root the server runs as the `postgres` OS user; a DATA_DIR that user cannot reach (under a 0700 directory) must not stop it. */
(process.getuid?.() === 0 ? describe : describe.skip)("embedded PostgreSQL as root, DATA_DIR out of the postgres user's reach (e2e)", () => {
  const home = mkdtempSync(join(tmpdir(), 'post-registry-0700-'));
  chmodSync(home, 0o700);
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('should place a test cluster outside DATA_DIR, name it by a symlink, and remove it on stop', async () => {
    const dataDir = join(home, 'data');
    const server = await startEmbeddedPostgres({ dataDir, persistent: false });
    expect(server.clusterDir.startsWith(home)).toBe(false);
    expect(readlinkSync(join(dataDir, 'pg'))).toBe(server.clusterDir);
    const clusterHome = dirname(server.clusterDir);
    expect(await query(server.adminUrl, 'SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await server.stop();
    expect(existsSync(clusterHome)).toBe(false);
  });

  it('should refuse in one line, naming what to do, when a cluster already sits in that DATA_DIR', async () => {
    const dataDir = join(home, 'old-data');
    mkdirSync(join(dataDir, 'pg'), { recursive: true });
    writeFileSync(join(dataDir, 'pg', 'PG_VERSION'), '15\n');
    const failure = startEmbeddedPostgres({ dataDir, persistent: true });
    await expect(failure).rejects.toBeInstanceOf(EmbeddedDatabaseError);
    await expect(failure).rejects.toThrow(
      /^the embedded PostgreSQL runs as the "postgres" OS user, who cannot reach .+: make its parent directories searchable \(chmod o\+x\), or set DATA_DIR or DATABASE_URL$/,
    );
  });
});
