import { ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Pool } from 'pg';
import { BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD, postgresCpuSince, postgresCpuTicks, startBenchApp } from './support';

/**
 * Issue 19 benchmark: `npm run bench:webhooks` (run it under `flock /work/bench.lock`). CHANGES
 * certification changes (POST …/certification/transitions, CONCURRENCY at a time, from a child
 * process) to officers employed by AGENCIES agencies, first with no endpoint registered (the
 * baseline: events still written and relayed, to nobody), then with one endpoint per agency on a
 * local receiver (another child process). Prints the changes' throughput and latency in both runs
 * and their ratio, the service's and PostgreSQL's CPU per change, events delivered per second and
 * commit-to-delivery p50/p95/p99 (from the event's row, written in the change's transaction, to
 * the receiver's arrival; same machine, same clock). Needs DATABASE_URL (a server whose owner
 * may create a database): the benchmark makes a database of its own there and drops it.
 */
const CHANGES = Number(process.env.CHANGES ?? 10_000);
const AGENCIES = Number(process.env.AGENCIES ?? 200);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const WARM_UP = 500;

type LoadReport = { seconds: number; latencies: number[]; failures: number; answered: [postId: string, at: number][] };
type ReceiverReport = { arrivals: [postId: string, at: number][]; requests: number };

async function main(): Promise<void> {
  if (process.argv[2] === 'receiver') return runReceiver();
  if (process.argv[2] === 'load') return runLoad();
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is required (the benchmark creates a database of its own there)');
  const name = `post_registry_bench_webhooks_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const receiver = fork(__filename, ['receiver'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let stopApp: (() => Promise<void>) | undefined;
  try {
    const receiverPort = await message<number>(receiver);
    const bench = await startBenchApp({ DATABASE_URL: url.toString(), WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', JOBS_WORKER: 'inline' });
    stopApp = bench.stop;
    const db = new Pool({ connectionString: url.toString(), max: 2 });
    const setup = await seed(bench.url, db);
    process.stdout.write(`${CHANGES} changes per run, ${AGENCIES} agencies, ${CONCURRENCY} at a time; Node ${process.version}\n`);

    await load(bench.url, setup.token, setup.postIds.slice(0, WARM_UP));
    const baseline = await measuredRun(bench.url, setup.token, setup.postIds.slice(WARM_UP, WARM_UP + CHANGES));
    printRun('without webhooks (no endpoint)', baseline);

    for (let i = 0; i < AGENCIES; i++) {
      const response = await fetch(`${bench.url}/api/v1/webhooks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${setup.agencyAdmins[i]}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: `http://127.0.0.1:${receiverPort}/hook/${i}`, events: ['officer.certification_changed'] }),
      });
      if (response.status !== 201) throw new Error(`register webhook: ${response.status} ${await response.text()}`);
    }
    const postIds = setup.postIds.slice(WARM_UP + CHANGES);
    const withHooks = await measuredRun(bench.url, setup.token, postIds);
    printRun(`with webhooks (${AGENCIES} endpoints)`, withHooks, baseline);

    const deadline = Date.now() + 180_000;
    let report = await ask(receiver);
    while (report.arrivals.length < postIds.length && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      report = await ask(receiver);
    }
    const { rows } = await db.query<{ post_id: string; at: Date }>(
      `SELECT o.post_id, e.occurred_at AS at FROM outbox_event e JOIN officer o ON o.id = e.officer_id WHERE o.post_id = ANY ($1)`,
      [postIds],
    );
    const written = new Map(rows.map((row) => [row.post_id, row.at.getTime()]));
    const delaysFrom = (start: Map<string, number>) => report.arrivals.filter(([postId]) => start.has(postId)).map(([postId, at]) => at - start.get(postId)!);
    const fromRow = delaysFrom(written);
    const fromAnswer = delaysFrom(withHooks.answered);
    const first = Math.min(...written.values());
    const last = Math.max(...report.arrivals.map(([, at]) => at));
    const line = (label: string, delays: number[]) =>
      `  ${label.padEnd(58)} p50 ${pct(delays, 50)} ms  p95 ${pct(delays, 95)} ms  p99 ${pct(delays, 99)} ms  max ${Math.max(...delays)} ms\n`;
    process.stdout.write(
      `delivered ${fromRow.length}/${postIds.length} events (${report.requests} requests) at ${(fromRow.length / ((last - first) / 1000)).toFixed(0)} events/s (first change to last delivery)\n` +
        `commit-to-delivery (target p95 < 2000 ms), between two bounds of the commit:\n` +
        line(`from the event's row (its transaction's start: an upper bound)`, fromRow) +
        line(`from the client's 200 (after the commit: a lower bound)`, fromAnswer),
    );
    process.stdout.write(`changes' throughput with webhooks / without: ${(withHooks.perSecond / baseline.perSecond).toFixed(3)} (target >= 0.90)\n`);
    await db.end();
  } finally {
    receiver.kill();
    await stopApp?.();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

interface Run {
  answered: Map<string, number>;
  perSecond: number;
  latencies: number[];
  failures: number;
  nodeMicros: number;
  postgresMicros: number | undefined;
}

/** One run of changes, with the service's (this process's) and PostgreSQL's CPU while it ran. */
async function measuredRun(base: string, token: string, postIds: string[]): Promise<Run> {
  const cpu = process.cpuUsage();
  const pg = postgresCpuTicks();
  const report = await load(base, token, postIds);
  const used = process.cpuUsage(cpu);
  const postgresMicros = postgresCpuSince(pg);
  return {
    answered: new Map(report.answered),
    perSecond: postIds.length / report.seconds,
    latencies: report.latencies,
    failures: report.failures,
    nodeMicros: (used.user + used.system) / postIds.length,
    postgresMicros: postgresMicros === undefined ? undefined : postgresMicros / postIds.length,
  };
}

function printRun(label: string, run: Run, baseline?: Run): void {
  const ratio = baseline ? `  ratio ${(run.perSecond / baseline.perSecond).toFixed(3)}` : '';
  const pgCpu = run.postgresMicros === undefined ? '' : `, pg ${run.postgresMicros.toFixed(0)} µs`;
  process.stdout.write(
    `${label.padEnd(34)} ${run.perSecond.toFixed(0).padStart(5)} changes/s  p50 ${pct(run.latencies, 50)} ms  p95 ${pct(run.latencies, 95)} ms  ` +
      `p99 ${pct(run.latencies, 99)} ms  cpu/change node ${run.nodeMicros.toFixed(0)} µs${pgCpu}  failures ${run.failures}${ratio}\n`,
  );
}

/** Officers (certified, each employed by one of the agencies), the agencies with an administrator each, an adjudicator. */
async function seed(base: string, db: Pool): Promise<{ token: string; postIds: string[]; agencyAdmins: string[] }> {
  const call = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (response.status >= 300) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, string>;
  };
  const admin = (await call('/api/v1/auth/login', { email: BENCH_ADMIN_EMAIL, password: BENCH_ADMIN_PASSWORD })).accessToken;
  const user = async (organizationId: string, role: string) => {
    const email = `${role}-${randomBytes(4).toString('hex')}@bench.local`;
    await call(`/api/v1/organizations/${organizationId}/users`, { email, password: 'bench-user-password-1', roles: [role] }, admin);
    return (await call('/api/v1/auth/login', { email, password: 'bench-user-password-1' })).accessToken;
  };
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM organization WHERE type = 'commission'`);
  const token = await user(rows[0].id, 'commission_adjudicator');
  const agencyIds: string[] = [];
  const agencyAdmins: string[] = [];
  for (let i = 0; i < AGENCIES; i++) {
    const agency = await call('/api/v1/organizations', { type: 'agency', name: `Bench agency ${i}`, code: `BENCH${i}` }, admin);
    agencyIds.push(agency.id);
    agencyAdmins.push(await user(agency.id, 'agency_admin'));
  }
  const total = WARM_UP + 2 * CHANGES;
  const officers = await db.query<{ post_id: string }>(
    `WITH numbers AS (SELECT g, nextval('officer_post_number_seq') AS n FROM generate_series(1, $1::int) AS g),
     officers AS (
       INSERT INTO officer (post_id, first_name, last_name, date_of_birth)
       SELECT 'MA-' || lpad(n::text, 6, '0'), 'Bench', 'Officer' || g, DATE '1980-01-01' + (g % 7000) FROM numbers
       RETURNING id, post_id, first_name, last_name, date_of_birth
     ), names AS (
       INSERT INTO officer_name (officer_id, kind, first_name, last_name, normalized_first, normalized_last, normalized_full, date_of_birth)
       SELECT id, 'current', first_name, last_name, lower(first_name), lower(last_name), lower(first_name || ' ' || last_name), date_of_birth FROM officers
     ), certifications AS (
       INSERT INTO certification (officer_id, status, issued_on, expires_on, first_certified_on)
       SELECT id, 'certified', DATE '2025-01-02', DATE '2028-01-01', DATE '2025-01-02' FROM officers
     ), employments AS (
       INSERT INTO employment (officer_id, agency_id, position, start_date)
       SELECT id, ($2::uuid[])[1 + (row_number() OVER ()) % $3], 'Patrol officer', DATE '2025-01-02' FROM officers
     )
     SELECT post_id FROM officers ORDER BY post_id`,
    [total, agencyIds, AGENCIES],
  );
  return { token, postIds: officers.rows.map((row) => row.post_id), agencyAdmins };
}

/** The changes, from a child process (the service's event loop is not the load generator's). */
async function load(base: string, token: string, postIds: string[]): Promise<LoadReport> {
  const child = fork(__filename, ['load'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.send({ base, token, postIds, concurrency: CONCURRENCY });
  const report = await message<LoadReport>(child);
  child.kill();
  return report;
}

async function runLoad(): Promise<void> {
  const { base, token, postIds, concurrency } = await message<{ base: string; token: string; postIds: string[]; concurrency: number }>(process);
  const latencies: number[] = [];
  const answered: [string, number][] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < postIds.length) {
        const postId = postIds[next++];
        const t0 = performance.now();
        const response = await fetch(`${base}/api/v1/officers/${postId}/certification/transitions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ action: 'inactivate', reason: 'Left law enforcement' }),
        });
        answered.push([postId, Date.now()]);
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (response.status !== 200) failures++;
      }
    }),
  );
  process.send!({ seconds: (performance.now() - started) / 1000, latencies, failures, answered } satisfies LoadReport);
}

/** The receiver: answers 204 at once, records each event's first arrival (Date.now()), and reports when asked. */
async function runReceiver(): Promise<void> {
  const arrivals = new Map<string, number>();
  let requests = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = Date.now();
      requests++;
      const postId = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { postId: string } }).data.postId;
      if (!arrivals.has(postId)) arrivals.set(postId, at);
      response.writeHead(204).end();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.send!((server.address() as AddressInfo).port);
  process.on('message', () => process.send!({ arrivals: [...arrivals], requests } satisfies ReceiverReport));
}

function message<T>(from: ChildProcess | NodeJS.Process): Promise<T> {
  return new Promise((resolve) => from.once('message', (value) => resolve(value as T)));
}

function ask(receiver: ChildProcess): Promise<ReceiverReport> {
  const answer = message<ReceiverReport>(receiver);
  receiver.send('report');
  return answer;
}

function pct(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
