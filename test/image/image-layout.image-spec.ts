import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { findFreePort, withDatabaseName } from '@app/database';
import { ensureBuilt, PROJECT_ROOT, ServiceProcess, startBuiltService, waitHealthy } from '../support/built-service';

const NOBODY = { uid: Number(execFileSync('id', ['-u', 'nobody']).toString()), gid: Number(execFileSync('id', ['-g', 'nobody']).toString()) };
const asRoot = process.getuid?.() === 0;
const suite = asRoot ? describe : describe.skip;
const ADMIN_EMAIL = 'admin@image.test';
const ADMIN_PASSWORD = 'image-layout-password';

/**
 * The Dockerfile's runtime stage without a Docker daemon: a root-owned directory holding the
 * built dist/, package.json and a production-only node_modules (`npm prune --omit=dev`), the
 * service started there as an unprivileged user who can write nothing in it. Its database is a
 * fresh one on the tests' server (DATABASE_URL's, else the embedded one).
 */
suite(`the Docker image's layout, run as nobody (image${asRoot ? '' : '; skipped: only root can start a process as nobody'})`, () => {
  const admin = () => process.env.TEST_ADMIN_URL!;
  let app: string;
  const services: ServiceProcess[] = [];
  const databases: string[] = [];
  const roles: string[] = [];

  beforeAll(() => {
    ensureBuilt();
    // `nest build` empties dist/ (deleteOutDir), the staff console with it: the image's
    // `npm run build` builds both, so the layout under test must hold both too.
    if (!existsSync(join(PROJECT_ROOT, 'dist', 'console', 'index.html'))) {
      execFileSync('npm', ['run', 'build:console'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
    }
    app = mkdtempSync(join(tmpdir(), 'post-registry-image-'));
    chmodSync(app, 0o755);
    cpSync(join(PROJECT_ROOT, 'dist'), join(app, 'dist'), { recursive: true });
    for (const file of ['package.json', 'package-lock.json']) cpSync(join(PROJECT_ROOT, file), join(app, file));
    // Hard links where one file system allows (pruning unlinks, it never writes into a shared file).
    try {
      execFileSync('cp', ['-al', join(PROJECT_ROOT, 'node_modules'), join(app, 'node_modules')], { stdio: 'ignore' });
    } catch {
      execFileSync('cp', ['-a', join(PROJECT_ROOT, 'node_modules'), join(app, 'node_modules')], { stdio: 'ignore' });
    }
    execFileSync('npm', ['prune', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: app, stdio: 'ignore' });
  }, 300_000);

  afterAll(async () => {
    await Promise.all(services.map((service) => service.stop()));
    await sql(admin(), async (client) => {
      for (const name of databases) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      for (const role of roles) await client.query(`DROP ROLE IF EXISTS "${role}"`);
    });
    if (app) rmSync(app, { recursive: true, force: true });
  }, 60_000);

  async function freshDatabase(): Promise<string> {
    const name = `post_registry_image_${randomBytes(4).toString('hex')}`;
    await sql(admin(), (client) => client.query(`CREATE DATABASE "${name}"`));
    databases.push(name);
    return withDatabaseName(admin(), name);
  }

  async function start(env: Record<string, string>): Promise<{ service: ServiceProcess; port: number }> {
    const port = await findFreePort();
    const service = startBuiltService(app, { PATH: process.env.PATH, PORT: String(port), ...env }, NOBODY);
    services.push(service);
    await waitHealthy(service, port);
    return { service, port };
  }

  it('should hold no development dependency', () => {
    expect(existsSync(join(app, 'node_modules', 'jest'))).toBe(false);
    expect(existsSync(join(app, 'node_modules', '@nestjs', 'core'))).toBe(true);
  });

  it('should answer /health 200 with DATABASE_URL alone, creating no data directory', async () => {
    await start({ DATABASE_URL: await freshDatabase() });
    expect(existsSync(join(app, '.data'))).toBe(false);
  }, 180_000);

  it('should serve the staff console and its hashed assets from the pruned layout', async () => {
    const { port } = await start({ DATABASE_URL: await freshDatabase() });
    const page = await fetch(`http://127.0.0.1:${port}/console/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(new URL(script!, `http://127.0.0.1:${port}/console/`));
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
  }, 180_000);

  it('should migrate as MIGRATION_DATABASE_URL and serve requests as DATABASE_URL, a login without DDL rights', async () => {
    const ownerUrl = await freshDatabase();
    const role = `post_registry_image_api_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    await sql(admin(), (client) => client.query(`CREATE ROLE "${role}" LOGIN PASSWORD '${password}' IN ROLE post_registry_app`));
    roles.push(role);
    const apiUrl = new URL(ownerUrl);
    apiUrl.username = role;
    apiUrl.password = password;
    const { port } = await start({
      DATABASE_URL: apiUrl.toString(),
      MIGRATION_DATABASE_URL: ownerUrl,
      POST_BOOTSTRAP_ADMIN_EMAIL: ADMIN_EMAIL,
      POST_BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    });

    // A write (login appends to the audit log) and a token signed with the generated secret.
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
    });
    expect(login.status).toBe(200);
    const { accessToken } = (await login.json()) as { accessToken: string };
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } })).status).toBe(200);

    await sql(apiUrl.toString(), async (client) => {
      await expect(client.query('CREATE TABLE intruder (id int)')).rejects.toThrow(/permission denied/);
      await expect(client.query('SELECT value FROM generated_secret')).rejects.toThrow(/permission denied/);
      await expect(client.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
    });
  }, 180_000);
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
