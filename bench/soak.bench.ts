import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { CRASH_ADMIN_EMAIL, CRASH_ADMIN_PASSWORD, Outcome, outcomeKey, registryClient, setUpActors, Tally } from '../test/support/registry-client';
import { createDatabase, createScratchCluster, ScratchCluster } from '../test/support/scratch-postgres';
import { seedRegistry } from './lookup-seed';

/**
 * Issue 17, "Crash and soak": `npm run bench:soak -- --minutes 30`. The built service, in a
 * process of its own, on a PostgreSQL cluster of the bench's own (never the machine's server),
 * under a mixed load for `--minutes`: public lookups, hiring checks, case actions (open, then
 * dismiss) and training uploads (1,000-row CSV batches). PostgreSQL is stopped with
 * `-m immediate` at minute `--restart-at` (default a third of the run: minute 10 of 30) and started
 * again 5 s later. Printed every minute: the service's RSS and V8 heap (after a full GC, asked for
 * over IPC by bench/soak-probe.ts), apart from PostgreSQL's RSS and PSS (shared buffers count in
 * the RSS of every backend that touched them; PSS shares them out). At the end: what clients got
 * during the outage (target: only 503 with Retry-After), seconds until /health answered 200 again
 * (target: under 10), RSS against the reference minute's (target: within ±10 %; minute 5, or
 * earlier in a short run) and the live heap's growth per minute (a leak grows without bound).
 * Knobs: --minutes, --restart-at, --officers (20,000), --outage-seconds (5).
 */
const MAIN = join(__dirname, '..', 'apps', 'api', 'src', 'main.js');
const PROBE = join(__dirname, 'soak-probe.js');
const MiB = 1024 * 1024;

type Kind = 'public lookup' | 'hiring check' | 'case action' | 'training upload';
const KINDS: Kind[] = ['public lookup', 'hiring check', 'case action', 'training upload'];
type Phase = 'before' | 'outage' | 'after';

interface Sample {
  minute: number;
  requests: Record<Kind, number>;
  non2xx: number;
  serviceRss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  postgresRss: number;
  postgresPss: number;
  postgresProcesses: number;
  load: number;
}

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

async function main(): Promise<void> {
  const minutes = option('minutes', 30);
  const restartAt = option('restart-at', Math.max(1, Math.round(minutes / 3)));
  const officers = option('officers', 20_000);
  const outageSeconds = option('outage-seconds', 5);
  const referenceMinute = Math.min(5, Math.max(1, restartAt - 1));
  const say = (line: string) => process.stdout.write(`${line}\n`);

  const cluster = await createScratchCluster('soak');
  const dataDir = mkdtempSync(join(tmpdir(), 'post-registry-soak-'));
  let service: ChildProcess | undefined;
  try {
    const databaseUrl = await createDatabase(cluster, 'post_registry');
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const base = `http://127.0.0.1:${port}`;
    service = spawn(process.execPath, ['--expose-gc', '-r', PROBE, MAIN], {
      env: {
        PATH: process.env.PATH,
        PORT: String(port),
        DATA_DIR: dataDir,
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'warn',
        POST_BOOTSTRAP_ADMIN_EMAIL: CRASH_ADMIN_EMAIL,
        POST_BOOTSTRAP_ADMIN_PASSWORD: CRASH_ADMIN_PASSWORD,
        RATE_LIMIT_PER_MINUTE: '1000000',
        LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
        PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000',
        MFA_REQUIRED_ROLES: '',
        // Passed through to see clients sign in again within a short run.
        ...(process.env.JWT_TTL_MINUTES ? { JWT_TTL_MINUTES: process.env.JWT_TTL_MINUTES } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let serviceOutput = '';
    service.stdout!.on('data', (chunk: Buffer) => (serviceOutput = (serviceOutput + chunk.toString()).slice(-20_000)));
    service.stderr!.on('data', (chunk: Buffer) => (serviceOutput = (serviceOutput + chunk.toString()).slice(-20_000)));
    const child = service;
    if ((await untilHealthy(base, performance.now() + 120_000, child)) === Infinity) throw new Error(`the service did not start:\n${serviceOutput}`);

    say(`seeding ${officers.toLocaleString('en-US')} officers (generate_series):`);
    const owner = new Pool({ connectionString: databaseUrl, max: 1 });
    owner.on('error', () => undefined);
    await seedRegistry(owner, officers, (line) => say(line));
    const sample = (
      await owner.query<{ post_id: string; first_name: string; last_name: string; dob: string }>(
        `SELECT post_id, first_name, last_name, to_char(date_of_birth, 'YYYY-MM-DD') AS dob FROM officer ORDER BY random() LIMIT 2000`,
      )
    ).rows;
    await owner.end();
    const actors = await setUpActors(base, 'SOAK');
    const api = registryClient(base, 30_000);

    // What clients got, by phase and by kind of request.
    let phase: Phase = 'before';
    const got: Record<Phase, Record<Kind, Tally>> = {
      before: tallies(),
      outage: tallies(),
      after: tallies(),
    };
    let minuteRequests = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<Kind, number>;
    let minuteNon2xx = 0;
    let running = true;
    const record = (kind: Kind, startedIn: Phase, outcome: Outcome) => {
      got[startedIn === 'outage' || phase === 'outage' ? 'outage' : phase][kind].add(outcomeKey(outcome));
      minuteRequests[kind]++;
      if (!outcome.status || outcome.status >= 300) minuteNon2xx++;
    };
    // A client whose token expired (JWT_TTL_MINUTES) signs in again and retries once, as real clients do; counted apart.
    let signedInAgain = 0;
    const as = async (role: 'registrar' | 'hiring' | 'investigator' | 'adjudicator', send: (token: string) => Promise<Outcome>) => {
      const outcome = await send(actors[role]);
      if (outcome.status !== 401) return outcome;
      signedInAgain++;
      const signIn = await actors.signInAgain(role);
      // The sign-in's own answer when it failed (an outage: 503): the next round tries again.
      if (signIn.status !== 200) return signIn;
      actors[role] = (signIn.body as { accessToken: string }).accessToken;
      return send(actors[role]);
    };
    const pick = () => sample[Math.floor(Math.random() * sample.length)];
    let sequence = 0;

    // Closed loops with a little think time: a steady mixed load that leaves the shared machine some air.
    const loop = (kind: Kind, thinkMs: number, step: () => Promise<Outcome | Outcome[]>) => async () => {
      while (running) {
        const startedIn = phase;
        const outcomes = [await step()].flat();
        for (const outcome of outcomes) record(kind, startedIn, outcome);
        const failed = outcomes.some((outcome) => !outcome.status || outcome.status >= 300);
        await sleep(failed ? 100 : thinkMs);
      }
    };
    const publicLookup = loop('public lookup', 5, () => {
      const officer = pick();
      return sequence++ % 10 === 0
        ? api.call('GET', `/api/v1/public/officers?limit=20&name=${encodeURIComponent(`${officer.first_name} ${officer.last_name}`)}`)
        : api.call('GET', `/api/v1/public/officers/${officer.post_id}`);
    });
    const hiringCheck = loop('hiring check', 10, () => {
      const officer = pick();
      const body =
        sequence++ % 5 === 0 ? { firstName: officer.first_name, lastName: officer.last_name, dateOfBirth: officer.dob } : { postId: officer.post_id };
      return as('hiring', (token) => api.call('POST', '/api/v1/hiring-checks', { token, json: body }));
    });
    const caseAction = loop('case action', 20, async () => {
      const postId = pick().post_id;
      const opened = await as('investigator', (token) =>
        api.call('POST', '/api/v1/cases', { token, json: { postId, grounds: ['unprofessional_conduct_pattern'], summary: 'Soak: pattern of complaints' } }),
      );
      if (opened.status !== 201) return opened;
      const { id, version } = opened.body as { id: string; version: number };
      const dismissed = await as('adjudicator', (token) =>
        api.call('POST', `/api/v1/cases/${id}/actions`, { token, json: { action: 'dismiss', reason: 'Soak: withdrawn', expectedVersion: version } }),
      );
      return [opened, dismissed];
    });
    const trainingUpload = loop('training upload', 1_000, () => {
      const batch = sequence++;
      const lines = Array.from(
        { length: 1_000 },
        (_, i) => `${pick().post_id},${actors.courseCode},2024-0${1 + (i % 9)}-1${i % 10},4,pass,SOAK-${batch}-${String(i).padStart(4, '0')}`,
      );
      const body = ['postId,courseCode,completedOn,hours,result,externalRef', ...lines].join('\n');
      return as('registrar', (token) => api.call('POST', '/api/v1/training-completions/batch', { token, body, contentType: 'text/csv' }));
    });
    const loops = [publicLookup, publicLookup, publicLookup, hiringCheck, hiringCheck, caseAction, trainingUpload].map((run) => run());

    say(
      `\n${minutes} min of mixed load (3 public-lookup, 2 hiring-check, 1 case, 1 upload client); PostgreSQL stopped (-m immediate) at minute ${restartAt} for ${outageSeconds} s; Node ${process.version}`,
    );
    say('min   lookups  checks  cases uploads non2xx | service RSS  heap used  heap total  external | PostgreSQL RSS (n)   PSS | load');
    const samples: Sample[] = [];
    const started = performance.now();
    let outage: { stoppedAt: number; restartedAt: number; serverUpMs: number; healthyMs: number } | undefined;
    for (let minute = 1; minute <= minutes; minute++) {
      if (minute === restartAt + 1) {
        // The restart, at the start of this minute's window: minute `restartAt` has just been sampled.
        phase = 'outage';
        const stoppedAt = performance.now();
        await cluster.stopImmediate();
        await sleep(outageSeconds * 1000);
        const restartedAt = performance.now();
        await cluster.start();
        const serverUpMs = performance.now() - restartedAt;
        const healthyMs = (await untilHealthy(base, restartedAt + 120_000, child)) - restartedAt;
        phase = 'after';
        outage = { stoppedAt, restartedAt, serverUpMs, healthyMs };
        say(
          `  -- PostgreSQL stopped -m immediate, ${outageSeconds} s down, started again: server up in ${(serverUpMs / 1000).toFixed(2)} s, /health 200 ${(healthyMs / 1000).toFixed(2)} s after the restart`,
        );
      }
      await sleep(Math.max(0, started + minute * 60_000 - performance.now()));
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the service exited:\n${serviceOutput}`);
      const memory = await memoryOf(child);
      const postgres = postgresMemory(cluster);
      const row: Sample = {
        minute,
        requests: minuteRequests,
        non2xx: minuteNon2xx,
        serviceRss: rssOf(child.pid!) ?? NaN,
        heapUsed: memory.heapUsed,
        heapTotal: memory.heapTotal,
        external: memory.external,
        postgresRss: postgres.rss,
        postgresPss: postgres.pss,
        postgresProcesses: postgres.processes,
        load: loadavg()[0],
      };
      samples.push(row);
      minuteRequests = Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<Kind, number>;
      minuteNon2xx = 0;
      const mib = (bytes: number, width: number) => (bytes / MiB).toFixed(1).padStart(width);
      say(
        `${String(minute).padStart(3)} ${String(row.requests['public lookup']).padStart(9)} ${String(row.requests['hiring check']).padStart(7)} ${String(row.requests['case action']).padStart(6)} ${String(row.requests['training upload']).padStart(7)} ${String(row.non2xx).padStart(6)} |` +
          ` ${mib(row.serviceRss, 7)} MiB ${mib(row.heapUsed, 6)} MiB ${mib(row.heapTotal, 7)} MiB ${mib(row.external, 5)} MiB |` +
          ` ${mib(row.postgresRss, 8)} MiB (${String(row.postgresProcesses).padStart(2)}) ${mib(row.postgresPss, 6)} MiB | ${row.load.toFixed(1)}`,
      );
    }
    running = false;
    await Promise.all(loops);

    say('\n== what clients got ==');
    for (const p of ['before', 'outage', 'after'] as Phase[]) {
      say(`${p === 'outage' ? 'during the outage (stop until /health 200)' : `${p} the outage`}:`);
      for (const kind of KINDS) say(`  ${kind.padEnd(16)} ${got[p][kind].summary()}`);
    }
    const outageKeys = new Set(KINDS.flatMap((kind) => got.outage[kind].keys()));
    const unexpected = [...outageKeys].filter((key) => !/^2\d\d$/.test(key) && key !== '503 Retry-After: 5' && !key.startsWith('503 Retry-After'));
    say(
      `outage target (only 503 with Retry-After, besides 2xx of requests that completed around the stop or after the restart): ${unexpected.length ? `NOT MET: also ${unexpected.join(', ')}` : 'MET'}`,
    );
    if (outage)
      say(
        `healthy again: /health 200 ${(outage.healthyMs / 1000).toFixed(2)} s after PostgreSQL's restart (server itself up in ${(outage.serverUpMs / 1000).toFixed(2)} s), ${((outage.restartedAt + outage.healthyMs - outage.stoppedAt) / 1000).toFixed(2)} s after the stop (target < 10 s after the restart): ${outage.healthyMs < 10_000 ? 'MET' : 'NOT MET'}`,
      );

    say('\n== memory ==');
    const reference = samples.find((s) => s.minute === referenceMinute);
    if (reference) {
      const later = samples.filter((s) => s.minute >= referenceMinute);
      const deviation = (value: (s: Sample) => number) => {
        const ratios = later.map((s) => value(s) / value(reference) - 1);
        return { min: Math.min(...ratios), max: Math.max(...ratios) };
      };
      const rss = deviation((s) => s.serviceRss);
      const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;
      say(
        `service RSS from minute ${referenceMinute} (${(reference.serviceRss / MiB).toFixed(1)} MiB): ${pct(rss.min)} … ${pct(rss.max)} (target within ±10 %): ${Math.max(-rss.min, rss.max) <= 0.1 ? 'MET' : 'NOT MET'}`,
      );
      const pg = deviation((s) => s.postgresPss);
      say(
        `PostgreSQL PSS from minute ${referenceMinute} (${(reference.postgresPss / MiB).toFixed(1)} MiB): ${pct(pg.min)} … ${pct(pg.max)} (not a target: its caches fill)`,
      );
      const slope = (points: Sample[]) => leastSquaresSlope(points.map((s) => [s.minute, s.heapUsed / MiB]));
      const before = later.filter((s) => s.minute <= restartAt);
      const after = samples.filter((s) => s.minute > restartAt + 1);
      say(
        `live heap (after a full GC) per minute from minute ${referenceMinute}: ${fmtSlope(slope(later))}` +
          `${before.length >= 3 ? `; before the restart ${fmtSlope(slope(before))}` : ''}${after.length >= 3 ? `; after it ${fmtSlope(slope(after))}` : ''}` +
          `; first ${(samples[0].heapUsed / MiB).toFixed(1)} MiB, reference ${(reference.heapUsed / MiB).toFixed(1)} MiB, last ${(samples.at(-1)!.heapUsed / MiB).toFixed(1)} MiB`,
      );
      const rssSlope = leastSquaresSlope(later.map((s) => [s.minute, s.serviceRss / MiB]));
      say(`service RSS per minute from minute ${referenceMinute}: ${fmtSlope(rssSlope)}`);
    }
    say(`tokens expired and signed in again (JWT_TTL_MINUTES): ${signedInAgain}`);
    const total = KINDS.map((kind) => `${kind} ${samples.reduce((n, s) => n + s.requests[kind], 0).toLocaleString('en-US')}`).join(', ');
    say(
      `requests: ${total}; machine load average (1 min) ${Math.min(...samples.map((s) => s.load)).toFixed(1)}–${Math.max(...samples.map((s) => s.load)).toFixed(1)} on ${navigatorCores()} cores`,
    );
  } finally {
    if (service && service.exitCode === null) {
      const exited = new Promise((resolve) => service!.once('exit', resolve));
      service.kill('SIGTERM');
      await exited;
    }
    await cluster.remove();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function tallies(): Record<Kind, Tally> {
  return Object.fromEntries(KINDS.map((kind) => [kind, new Tally()])) as Record<Kind, Tally>;
}

async function untilHealthy(base: string, deadline: number, child: ChildProcess): Promise<number> {
  const api = registryClient(base, 2_000);
  while (performance.now() < deadline && child.exitCode === null) {
    if ((await api.call('GET', '/health')).status === 200) return performance.now();
    await sleep(100);
  }
  return Infinity;
}

function memoryOf(child: ChildProcess): Promise<NodeJS.MemoryUsage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the service did not answer the memory probe within 30 s')), 30_000);
    const onMessage = (message: { kind?: string } & NodeJS.MemoryUsage) => {
      if (message?.kind !== 'memory') return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message);
    };
    child.on('message', onMessage);
    child.send('memory');
  });
}

/** VmRSS of one process, in bytes (Linux /proc). */
function rssOf(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** RSS summed over the cluster's processes (shared buffers counted once per process that touched them), and PSS (shared pages divided among their users). */
function postgresMemory(cluster: ScratchCluster): { rss: number; pss: number; processes: number } {
  let rss = 0;
  let pss = 0;
  const pids = cluster.pids();
  for (const pid of pids) {
    rss += rssOf(pid) ?? 0;
    try {
      const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      pss += match ? Number(match[1]) * 1024 : 0;
    } catch {
      // ended meanwhile
    }
  }
  return { rss, pss, processes: pids.length };
}

function leastSquaresSlope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return NaN;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxy / sxx;
}

const fmtSlope = (mibPerMinute: number) => `${mibPerMinute >= 0 ? '+' : ''}${mibPerMinute.toFixed(2)} MiB/min`;
const navigatorCores = () => (readFileSync('/proc/cpuinfo', 'utf8').match(/^processor\s*:/gm) ?? []).length;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
