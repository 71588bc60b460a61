import { withDatabaseName } from '@app/database';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'dist/apps/cli/src/main.js');
const run = promisify(execFile);

/**
 * The file package.json's `bin` names, built as `npm run build` builds it and run as a child
 * process as `npm run cli` runs it (npm makes it executable when it links the bin; its shebang
 * is checked): the exit statuses, the streams, and a database the API never started (a fresh
 * clone's first command). The commands' effects are proven in cli.e2e-spec.
 */
describe('post-registry, the built binary (e2e)', () => {
  const adminUrl = process.env.TEST_ADMIN_URL!;
  const database = `${process.env.TEST_TEMPLATE_DATABASE!}_cli${randomBytes(4).toString('hex')}`;
  const databaseUrl = withDatabaseName(adminUrl, database);
  const dataDir = mkdtempSync(join(tmpdir(), 'post-registry-cli-'));

  const admin = async (sql: string) => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  const query = async (sql: string) => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };
  const cli = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, DATA_DIR: dataDir },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  beforeAll(async () => {
    // Only the CLI project: `nest build cli` leaves the API's build in dist/ (deleteOutDir is off for it).
    await run(process.execPath, [join(ROOT, 'node_modules/@nestjs/cli/bin/nest.js'), 'build', 'cli'], { cwd: ROOT });
    // Migrated, never started: no commission, no user.
    await admin(`CREATE DATABASE "${database}" TEMPLATE "${process.env.TEST_TEMPLATE_DATABASE!}"`);
  }, 300_000);
  afterAll(async () => {
    await admin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('should start with a shebang and create the only administrator of a database the API never started', async () => {
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const created = await cli('create-admin', '--email', 'first@commission.test', '--password', 'first-admin-password');
    expect(created).toEqual({
      code: 0,
      stdout: expect.stringMatching(/^Created commission administrator first@commission\.test \(id [0-9a-f-]{36}\)\n$/),
      stderr: '',
    });
    // The commission was made on the way (audited as the first start does), but no bootstrap administrator.
    expect(await query(`SELECT email, roles FROM app_user`)).toEqual([{ email: 'first@commission.test', roles: ['commission_admin'] }]);
    expect(await query(`SELECT actor_kind, actor_id, action FROM audit_log ORDER BY seq`)).toEqual([
      { actor_kind: 'system', actor_id: null, action: 'organization.create' },
      { actor_kind: 'user', actor_id: 'cli', action: 'user.create' },
    ]);
    expect(await cli('verify-audit')).toEqual({ code: 0, stdout: expect.stringMatching(/^Audit log valid: 2 entries; head 2 [0-9a-f]{64}\n$/), stderr: '' });
  });

  it.each([
    [['unlock-user', '--email', 'ghost@commission.test'], 'post-registry: No user with email ghost@commission.test.\n'],
    [['create-admin'], "error: required option '--email <email>' not specified\n"],
  ])('should exit 1 with one line on stderr and no stack trace for %j', async (args, line) => {
    expect(await cli(...args)).toEqual({ code: 1, stdout: '', stderr: line });
  });

  it('should exit 1 with one line when the database cannot be reached', async () => {
    const result = await run(process.execPath, [BIN, 'verify-audit'], {
      env: { PATH: process.env.PATH, DATABASE_URL: 'postgres://nobody:x@127.0.0.1:1/none', DATA_DIR: dataDir },
    }).catch((error) => error);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^post-registry: .*ECONNREFUSED.*\n$/);
  });
});
