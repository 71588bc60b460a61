import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { prepareRuntime, Runtime, validateEnvironment } from '@app/runtime';
import { createApp } from '../apps/api/src/create-app';

export const BENCH_ADMIN_EMAIL = 'bench-admin@commission.local';
export const BENCH_ADMIN_PASSWORD = 'bench-admin-password-1';

/** The real service in-process, on DATABASE_URL or a fresh embedded PostgreSQL; throttling lifted, logs at warn. */
export interface BenchApp {
  app: NestFastifyApplication;
  runtime: Runtime;
  url: string;
  /** Closes the app, stops the embedded PostgreSQL and deletes its temporary data directory. */
  stop: () => Promise<void>;
}

export async function startBenchApp(env: Record<string, string> = {}): Promise<BenchApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'post-registry-bench-'));
  const parsed = validateEnvironment({
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    POST_BOOTSTRAP_ADMIN_EMAIL: BENCH_ADMIN_EMAIL,
    POST_BOOTSTRAP_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
    RATE_LIMIT_PER_MINUTE: '1000000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
    PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000',
    DB_POOL_SIZE: '10',
    // The benchmarks sign in with the password alone (the second factor is measured by none of them).
    MFA_REQUIRED_ROLES: '',
    ...env,
  });
  const runtime = await prepareRuntime(parsed, () => undefined);
  const app = await createApp(runtime.config);
  await app.listen(0, '127.0.0.1');
  const stop = async () => {
    await app.close();
    await runtime.embedded?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { app, runtime, url: await app.getUrl(), stop };
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  /** autocannon reports no p95; it lies between these two. */
  p90: number;
  p97_5: number;
  non2xx: number;
  errors: number;
  /** CPU per request of this process (the service, in-process) and of all PostgreSQL processes (Linux /proc; undefined elsewhere). */
  cpu: { nodeMicros: number; postgresMicros: number | undefined };
}

/**
 * autocannon in a child process, so the load generator does not share the server's event
 * loop (it still shares the 2 cores, as in research/stack.md §3.1).
 */
export async function loadTest(options: {
  url: string;
  connections: number;
  seconds: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** autocannon -R: requests per second over all connections (a steady flood rather than as fast as possible). */
  overallRate?: number;
  /** autocannon -I: each `[<id>]` in the body becomes a fresh id, so every write is a new record. */
  idReplacement?: boolean;
  /**
   * The PostgreSQL processes to count (the backends of the bench's database, read before and after
   * the run); without it every process named `postgres` on the machine counts, other sessions' too.
   */
  postgresPids?: () => Promise<number[]>;
}): Promise<LoadResult> {
  const args = [
    require.resolve('autocannon/autocannon.js'),
    '-j',
    '-c',
    String(options.connections),
    '-d',
    String(options.seconds),
    '-m',
    options.method ?? 'GET',
  ];
  if (options.overallRate !== undefined) args.push('-R', String(options.overallRate));
  if (options.idReplacement) args.push('-I');
  for (const [name, value] of Object.entries(options.headers ?? {})) args.push('-H', `${name}=${value}`);
  if (options.body) args.push('-b', options.body);
  args.push(options.url);
  const pidsBefore = await options.postgresPids?.();
  const nodeBefore = process.cpuUsage();
  const postgresBefore = postgresCpuTicks();
  const { stdout } = await promisify(execFile)(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 });
  const node = process.cpuUsage(nodeBefore);
  const postgresAfter = postgresCpuTicks();
  const pidsAfter = await options.postgresPids?.();
  const scope = pidsBefore && pidsAfter ? new Set([...pidsBefore, ...pidsAfter].map(String)) : undefined;
  const postgresMicros = postgresCpuBetween(postgresBefore, postgresAfter, scope);
  const result = JSON.parse(stdout) as {
    requests: { average: number; total: number };
    latency: { p50: number; p99: number; p97_5: number; p90: number };
    non2xx: number;
    errors: number;
  };
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    p90: result.latency.p90,
    p97_5: result.latency.p97_5,
    non2xx: result.non2xx,
    errors: result.errors,
    cpu: {
      nodeMicros: (node.user + node.system) / result.requests.total,
      postgresMicros: postgresMicros === undefined ? undefined : postgresMicros / result.requests.total,
    },
  };
}

/**
 * CPU time (utime + stime in /proc/<pid>/stat, clock ticks of 10 ms) of every process named
 * `postgres`, by pid; undefined without /proc. Requests per second on this VM move ±20 %
 * between runs; CPU per request moves far less, and says which side a change helped.
 */
export function postgresCpuTicks(): Map<string, number> | undefined {
  const ticks = new Map<string, number>();
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // the process ended meanwhile
      }
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    }
  } catch {
    return undefined;
  }
  return ticks;
}

/** µs of PostgreSQL CPU between two readings: processes started meanwhile count whole; those that ended meanwhile are missed. */
export function postgresCpuSince(before: Map<string, number> | undefined): number | undefined {
  return postgresCpuBetween(before, postgresCpuTicks());
}

/** The same between two given readings, of the processes in `scope` only (every one without it). */
export function postgresCpuBetween(before: Map<string, number> | undefined, after: Map<string, number> | undefined, scope?: Set<string>): number | undefined {
  if (!before || !after) return undefined;
  let ticks = 0;
  for (const [pid, now] of after) if (!scope || scope.has(pid)) ticks += now - (before.get(pid) ?? 0);
  return ticks * 10_000;
}

/** `showCpu: false` where few requests ran: then the processes' idle work (timers, background writers) dominates CPU per request. */
export function printRow(label: string, result: LoadResult, baseline?: LoadResult, { showCpu = true } = {}): void {
  const ratio = baseline ? ` ratio ${(result.requestsPerSecond / baseline.requestsPerSecond).toFixed(2)}` : '';
  const { nodeMicros, postgresMicros } = result.cpu;
  const cpu = showCpu
    ? `  cpu/req node ${nodeMicros.toFixed(0).padStart(4)} µs${postgresMicros === undefined ? '' : `, pg ${postgresMicros.toFixed(0).padStart(4)} µs`}`
    : '';
  process.stdout.write(
    `${label.padEnd(48)} ${result.requestsPerSecond.toFixed(0).padStart(7)} req/s  p50 ${String(result.p50).padStart(4)} ms  p99 ${String(result.p99).padStart(4)} ms${cpu}  non-2xx ${result.non2xx} errors ${result.errors}${ratio}\n`,
  );
}
