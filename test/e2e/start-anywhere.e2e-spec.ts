import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findFreePort } from '@app/database';
import { ensureBuilt, PROJECT_ROOT, ServiceProcess, startBuiltService, waitHealthy } from '../support/built-service';

const asRoot = process.getuid?.() === 0;
const suite = asRoot ? describe : describe.skip;

/**
 * Issue 16: as root, a clone under a 0700 directory (as under /root) starts with `npm start`.
 * The embedded PostgreSQL runs as the `postgres` OS user, who can reach neither the clone's
 * node_modules nor its ./.data. The clone here is the built service, its own node_modules
 * (hard links) and package.json in a fresh 0700 directory; the service has no DATABASE_URL.
 */
suite(`first start as root from a 0700 directory (e2e${asRoot ? '' : '; skipped: only root runs PostgreSQL as another OS user'})`, () => {
  let home: string;
  let clone: string;
  let service: ServiceProcess;
  let port: number;

  beforeAll(async () => {
    ensureBuilt();
    home = mkdtempSync(join(tmpdir(), 'post-registry-0700-'));
    chmodSync(home, 0o700);
    clone = join(home, 'clone');
    mkdirSync(clone);
    linkOrCopy(join(PROJECT_ROOT, 'node_modules'), join(clone, 'node_modules'));
    cpSync(join(PROJECT_ROOT, 'dist'), join(clone, 'dist'), { recursive: true });
    cpSync(join(PROJECT_ROOT, 'package.json'), join(clone, 'package.json'));
    port = await findFreePort();
    service = startBuiltService(clone, { PATH: process.env.PATH, PORT: String(port), LOG_LEVEL: 'warn' });
  }, 300_000);

  afterAll(async () => {
    await service?.stop();
    const link = clone && join(clone, '.data', 'pg');
    // The relocated cluster lives outside the clone: remove the directory made for it too.
    if (link && lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) rmSync(dirname(readlinkSync(link)), { recursive: true, force: true });
    if (home) rmSync(home, { recursive: true, force: true });
  }, 60_000);

  it('should answer /health 200 with the embedded database', async () => {
    const response = await waitHealthy(service, port);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  }, 180_000);

  it('should keep the cluster where the postgres user reaches it, named from DATA_DIR, and the JWT secret in DATA_DIR', () => {
    const link = join(clone, '.data', 'pg');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    const cluster = readlinkSync(link);
    expect(cluster.startsWith(home)).toBe(false);
    expect(statSync(cluster).uid).toBe(Number(execFileSync('id', ['-u', 'postgres']).toString()));
    expect(existsSync(join(clone, '.data', 'jwt-secret'))).toBe(true);
    expect(service.output()).toContain(`cluster in ${cluster}`);
  });

  it('should run PostgreSQL from a copy outside the 0700 directory', () => {
    const pid = Number(execFileSync('head', ['-1', join(readlinkSync(join(clone, '.data', 'pg')), 'postmaster.pid')]).toString());
    const executable = readlinkSync(`/proc/${pid}/exe`);
    expect(executable.startsWith(home)).toBe(false);
    expect(executable).toMatch(/\/pg-15\.[^/]+\/bin\/postgres$/);
  });
});

/** A hard-linked copy (as cheap as a symlink, but a real directory under the 0700 parent); a plain copy across file systems. */
function linkOrCopy(source: string, target: string): void {
  try {
    execFileSync('cp', ['-al', source, target], { stdio: 'ignore' });
  } catch {
    rmSync(target, { recursive: true, force: true });
    execFileSync('cp', ['-a', source, target], { stdio: 'ignore' });
  }
}
