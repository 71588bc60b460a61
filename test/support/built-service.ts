import { ChildProcess, execFileSync, spawn, SpawnOptions } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Tests of what `npm start` and the Docker image run: the built service, `node dist/apps/api/src/main.js`, in a process of its own. */
export const PROJECT_ROOT = join(__dirname, '..', '..');
export const BUILT_MAIN = join('dist', 'apps', 'api', 'src', 'main.js');
/** apps/worker: the durable jobs in a process of their own. */
export const BUILT_WORKER_MAIN = join('dist', 'apps', 'worker', 'src', 'main.js');

/**
 * Builds (`nest build api`, as `npm start` does) when dist/ is missing or older than a source
 * file, so the test runs the code it sits beside; a fresh dist/ is reused.
 */
export function ensureBuilt(project: 'api' | 'worker' = 'api'): void {
  const main = join(PROJECT_ROOT, project === 'api' ? BUILT_MAIN : BUILT_WORKER_MAIN);
  const builtAt = existsSync(main) ? statSync(main).mtimeMs : 0;
  const newestSource = Math.max(...['apps', 'libs', 'migrations'].map((dir) => newestMtime(join(PROJECT_ROOT, dir))));
  if (builtAt > newestSource) return;
  execFileSync(process.execPath, [require.resolve('@nestjs/cli/bin/nest.js'), 'build', project], { cwd: PROJECT_ROOT, stdio: 'ignore' });
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else if (entry.name.endsWith('.ts') || entry.name.endsWith('.json')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export interface ServiceProcess {
  child: ChildProcess;
  /** Everything the service wrote, stdout and stderr. */
  output(): string;
  /**
   * SIGTERM, as a process manager stops it; SIGKILL after 30 s: longer than the 20 s the service's
   * jobs get to finish (libs/jobs STOP_TIMEOUT_MS), so a loaded machine's slow but clean stop is not
   * mistaken for a hang (jobs.e2e failed so at load 15-20).
   */
  stop(): Promise<void>;
}

export function startBuiltService(cwd: string, env: NodeJS.ProcessEnv, options: Pick<SpawnOptions, 'uid' | 'gid'> & { main?: string } = {}): ServiceProcess {
  const { main = BUILT_MAIN, ...spawnOptions } = options;
  const child = spawn(process.execPath, [main], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], ...spawnOptions });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `GET /health` until 200; fails with the service's output when it exits first or the time is up. */
export async function waitHealthy(service: ServiceProcess, port: number, timeoutMs = 120_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) throw new Error(`the service exited with ${service.child.exitCode}:\n${service.output()}`);
    const response = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
    if (response?.status === 200) return response;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no /health 200 within ${timeoutMs} ms:\n${service.output()}`);
}
