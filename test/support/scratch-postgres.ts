import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * A throwaway PostgreSQL cluster of the crash test's and the soak bench's own (initdb + pg_ctl
 * from PG_BIN, default Debian's /usr/lib/postgresql/15/bin), in a temporary directory on a free
 * port, so that they can stop it with `-m immediate` without touching any server someone else
 * uses. As root, the server runs as the `postgres` OS user (PostgreSQL refuses root).
 */
export interface ScratchCluster {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> (trust authentication, loopback only). */
  url(database?: string): string;
  start(): Promise<void>;
  /** `pg_ctl stop -m immediate`: every server process quits at once, no checkpoint; the next start runs crash recovery from the WAL. */
  stopImmediate(): Promise<void>;
  /** The postmaster's pid and those of its children (backends, checkpointer, …); empty while stopped. */
  pids(): number[];
  /** Stops the server (fast) and deletes the directory. */
  remove(): Promise<void>;
}

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export async function createScratchCluster(name = 'scratch'): Promise<ScratchCluster> {
  const home = mkdtempSync(join(tmpdir(), `post-registry-${name}-pg-`));
  const dataDir = join(home, 'data');
  const owner = process.getuid?.() === 0 ? postgresUser() : undefined;
  if (owner) chownSync(home, owner.uid, owner.gid);
  const port = await freePort();
  await run('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'], owner);
  // fsync and synchronous_commit stay at their defaults (on): what the crash test proves must hold in production.
  appendFileSync(
    join(dataDir, 'postgresql.conf'),
    [`port = ${port}`, `listen_addresses = '127.0.0.1'`, `unix_socket_directories = '${home}'`, 'max_connections = 100', 'shared_buffers = 64MB', ''].join(
      '\n',
    ),
  );
  const pgCtl = (...args: string[]) => run('pg_ctl', ['-D', dataDir, ...args], owner);
  let running = false;
  // A test or bench that dies must not leave a server behind.
  const onExit = () => {
    if (running) spawnSync(join(PG_BIN, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', 'stop'], { stdio: 'ignore', ...owner });
  };
  process.once('exit', onExit);

  const cluster: ScratchCluster = {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: async () => {
      await pgCtl('-l', join(home, 'server.log'), '-w', '-t', '120', 'start');
      running = true;
    },
    stopImmediate: async () => {
      await pgCtl('-m', 'immediate', '-w', 'stop');
      running = false;
    },
    pids: () => {
      let postmaster: number;
      try {
        postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      } catch {
        return [];
      }
      return [postmaster, ...childrenOf(postmaster)];
    },
    remove: async () => {
      if (running) await pgCtl('-m', 'fast', '-w', 'stop').catch(() => undefined);
      running = false;
      process.removeListener('exit', onExit);
      rmSync(home, { recursive: true, force: true });
    },
  };
  await cluster.start();
  return cluster;
}

export async function createDatabase(cluster: ScratchCluster, database: string): Promise<string> {
  const client = new Client({ connectionString: cluster.url() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  return cluster.url(database);
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** pg_ctl forks the server: stdio 'ignore' so that nothing waits for the server's inherited pipes. */
function run(program: string, args: string[], owner?: { uid: number; gid: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(PG_BIN, program), args, { stdio: 'ignore', cwd: tmpdir(), ...owner });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${program} ${args.join(' ')} exited with ${code}`))));
  });
}

function childrenOf(parent: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent) children.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return children;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
