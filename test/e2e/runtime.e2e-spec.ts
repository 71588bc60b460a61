import { withDatabaseName } from '@app/database';
import { prepareRuntime, validateEnvironment } from '@app/runtime';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * Start-up with DATABASE_URL, as in a container whose working directory is not writable
 * (issue 16): nothing is written to disk, and the generated JWT secret lives in the database,
 * shared by every process and out of the requests' role's reach.
 */
describe('start-up with DATABASE_URL (e2e)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'post-registry-runtime-'));
  const databases: string[] = [];
  afterAll(async () => {
    await sql(process.env.TEST_ADMIN_URL!, async (client) => {
      for (const name of databases) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
    rmSync(scratch, { recursive: true, force: true });
  });

  async function freshDatabase(): Promise<string> {
    const name = `${process.env.TEST_TEMPLATE_DATABASE}_t${randomBytes(5).toString('hex')}`;
    await sql(process.env.TEST_ADMIN_URL!, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${process.env.TEST_TEMPLATE_DATABASE}"`));
    databases.push(name);
    return withDatabaseName(process.env.TEST_ADMIN_URL!, name);
  }

  const start = (env: Record<string, string>) => prepareRuntime(validateEnvironment({ LOG_LEVEL: 'silent', ...env }), () => undefined);

  it('should create no data directory and keep one generated JWT secret in the database for every process', async () => {
    const url = await freshDatabase();
    const dataDir = join(scratch, 'never-created');
    const first = await start({ DATABASE_URL: url, DATA_DIR: dataDir });
    const second = await start({ DATABASE_URL: url, DATA_DIR: join(scratch, 'another-process') });
    expect(existsSync(dataDir)).toBe(false);
    expect(first.config.jwt.secret.length).toBeGreaterThanOrEqual(32);
    expect(second.config.jwt.secret).toBe(first.config.jwt.secret);
    expect(first.embedded).toBeUndefined();
  });

  it("should keep the generated secret from the requests' role", async () => {
    const url = await freshDatabase();
    await start({ DATABASE_URL: url, DATA_DIR: join(scratch, 'unused') });
    await sql(url, async (client) => {
      expect((await client.query('SELECT count(*)::int AS n FROM generated_secret')).rows).toEqual([{ n: 1 }]);
      await client.query('SET ROLE post_registry_app');
      await expect(client.query('SELECT value FROM generated_secret')).rejects.toThrow(/permission denied/);
    });
  });

  it('should keep using a JWT secret an earlier version wrote into DATA_DIR, and JWT_SECRET above all', async () => {
    const url = await freshDatabase();
    const dataDir = join(scratch, 'earlier');
    mkdirSync(dataDir);
    writeFileSync(join(dataDir, 'jwt-secret'), 'a-secret-written-by-an-earlier-version-0123456789\n');
    expect((await start({ DATABASE_URL: url, DATA_DIR: dataDir })).config.jwt.secret).toBe('a-secret-written-by-an-earlier-version-0123456789');
    const given = 'given-in-the-environment-0123456789abcdef';
    expect((await start({ DATABASE_URL: url, DATA_DIR: dataDir, JWT_SECRET: given })).config.jwt.secret).toBe(given);
    await sql(url, async (client) => expect((await client.query('SELECT count(*)::int AS n FROM generated_secret')).rows).toEqual([{ n: 0 }]));
  });
});

async function sql<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
