import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, PROJECT_ROOT, ServiceProcess, startBuiltService, waitHealthy } from '../support/built-service';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * docs/operations.md: the embedded PostgreSQL stops with the service. A process manager stops a
 * service with SIGTERM to its main process only; Nest's own shutdown hooks re-sent the signal
 * and killed the process before main.ts stopped the database, leaving it running (review finding).
 */
describe('stopping the built service (e2e)', () => {
  let dataDir: string;
  let service: ServiceProcess;

  beforeAll(() => {
    ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'post-registry-stop-'));
  }, 240_000);
  afterAll(async () => {
    await service?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('exits 0 on SIGTERM and stops its embedded PostgreSQL', async () => {
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    service = startBuiltService(PROJECT_ROOT, { PATH: process.env.PATH, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    await waitHealthy(service, port);
    const postmaster = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(isAlive(postmaster)).toBe(true);

    await service.stop();
    expect({ exitCode: service.child.exitCode, signal: service.child.signalCode }).toEqual({ exitCode: 0, signal: null });
    expect(service.output()).toContain('SIGTERM: shutting down');
    const deadline = Date.now() + 10_000;
    while (isAlive(postmaster) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(isAlive(postmaster)).toBe(false);
  }, 240_000);
});
