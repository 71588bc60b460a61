import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, startTestApp, TestApp } from '../support/test-app';

const ROOT = resolve(__dirname, '../..');
const BIN = join(ROOT, 'dist/apps/cli/src/main.js');
const run = promisify(execFile);

/**
 * `post-registry import <kind> <file> [--dry-run]` (issue 18 item 5), the built binary against a
 * running service: it streams the file to POST /imports, follows the import to its end and
 * prints the counts and where the rejections are; refusals are one line and exit status 1.
 */
describe('post-registry import, the built binary against a running service (e2e)', () => {
  let t: TestApp;
  let baseUrl: string;
  const dir = mkdtempSync(join(tmpdir(), 'post-registry-import-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const cli = async (...args: string[]) => {
    try {
      // No DATABASE_URL, no DATA_DIR: the command is a client of the service only.
      const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd: dir, env: { PATH: process.env.PATH } });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  };
  const login = ['--email', ADMIN_EMAIL, '--password', ADMIN_PASSWORD, '--interval', '200'];

  beforeAll(async () => {
    await run(process.execPath, [join(ROOT, 'node_modules/@nestjs/cli/bin/nest.js'), 'build', 'cli'], { cwd: ROOT });
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = await t.app.getUrl();
  }, 300_000);
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('should upload the file, follow the import to its end and say where the rejections are', async () => {
    const path = file('officers.csv', 'sourceId,firstName,lastName,dateOfBirth\nC-1,Cli,One,1980-01-01\nC-2,Cli,Two,1981-02-30\nC-3,Cli,Three,1982-03-03\n');
    const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM officer`)).rows[0].n as number;
    const before = await count();

    const dry = await cli('import', 'officers', path, '--dry-run', '--url', baseUrl, ...login);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^Import [0-9a-f-]{36} succeeded: 3 rows, 2 accepted, 0 unchanged, 1 rejected, 0 flagged\.$/m);
    expect(await count()).toBe(before);

    const real = await cli('import', 'officers', path, '--url', baseUrl, ...login);
    expect({ code: real.code, stderr: real.stderr }).toMatchObject({ code: 0, stderr: expect.stringContaining('queued: 3 rows') });
    const id = /^Import ([0-9a-f-]{36}) succeeded/m.exec(real.stdout)![1];
    expect(real.stdout).toContain(`Rejections: ${baseUrl}/api/v1/imports/${id}/rejections.csv`);
    expect(real.stdout).toContain(`Source ids to POST IDs: ${baseUrl}/api/v1/imports/${id}/officers.csv`);
    expect(await count()).toBe(before + 2);
    const rejections = await t
      .http()
      .get(`/api/v1/imports/${id}/rejections.csv`)
      .set(bearer(await t.adminToken()));
    expect(rejections.text).toContain('2,C-2,dateOfBirth,invalid');
  }, 120_000);

  it('should refuse with one line and exit status 1: a file the service refuses, bad credentials, an unknown kind', async () => {
    const bad = await cli('import', 'officers', file('bad.csv', 'sourceId,firstName\nX,Y\n'), '--url', baseUrl, ...login);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^post-registry: POST \/imports\?kind=officers: 400 .*missing column lastName/m);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);

    const wrong = await cli(
      'import',
      'officers',
      file('ok.csv', 'sourceId,firstName,lastName,dateOfBirth\nW-1,W,One,1980-01-01\n'),
      '--url',
      baseUrl,
      '--email',
      ADMIN_EMAIL,
      '--password',
      'not-the-password',
    );
    expect(wrong).toMatchObject({ code: 1, stderr: expect.stringMatching(/^post-registry: POST \/auth\/login: 401/) });

    const kind = await cli('import', 'badges', file('x.csv', 'a\n'), '--url', baseUrl, ...login);
    expect(kind).toMatchObject({ code: 1, stderr: expect.stringContaining('kind must be one of') });
  }, 120_000);
});
