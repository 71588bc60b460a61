import { AuditService } from '@app/audit';
import { Actor } from '@app/core';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD, LoadResult, loadTest, printRow, startBenchApp } from './support';

/**
 * Issue 17 item 5: a flood of refusals must not slow audited writes. Audited writes are
 * `POST /training-completions` (an academy registrar, a new `externalRef` per request: one
 * transaction, one hash-chained audit entry); refusals are `GET /audit` by an agency user (the
 * role guard's 403, audited as `access.refused`). Measured in the same run:
 *   (a) audited writes alone, as fast as CONNECTIONS allow;
 *   (b) refusals alone at REFUSALS_PER_SECOND (autocannon -R), to show the flood is really sent;
 *   (c) (a) and (b) at once: the ratio (c)/(a) of audited writes per second is the target (>= 0.80).
 * Then every refusal answered is counted in the audit log (none lost).
 * `npm run bench:refusals` (CONNECTIONS default 10, SECONDS default 10, REFUSALS_PER_SECOND default 1000).
 */
async function main(): Promise<void> {
  const connections = Number(process.env.CONNECTIONS ?? 10);
  const seconds = Number(process.env.SECONDS ?? 10);
  const refusalRate = Number(process.env.REFUSALS_PER_SECOND ?? 1000);
  const { app, runtime, url, stop } = await startBenchApp();
  const adminToken = await loginAs(url, BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD);
  const academy = await post<{ id: string }>(url, '/organizations', adminToken, { type: 'academy', name: 'Bench Academy', code: 'BENCHAC' });
  const agency = await post<{ id: string }>(url, '/organizations', adminToken, { type: 'agency', name: 'Bench Agency', code: 'BENCHAG' });
  const registrar = await userToken(url, adminToken, academy.id, 'registrar@bench.local', 'academy_registrar');
  const prober = await userToken(url, adminToken, agency.id, 'prober@bench.local', 'agency_hiring');
  await post(url, '/courses', adminToken, { code: 'BENCH-INSVC', title: 'Bench in-service', kind: 'in_service', hours: 8 });
  const officer = await post<{ postId: string }>(url, '/officers?confirmDistinct=true', adminToken, {
    firstName: 'Bench',
    lastName: 'Officer',
    dateOfBirth: '1985-03-04',
  });

  const write = {
    url: `${url}/api/v1/training-completions`,
    connections,
    method: 'POST',
    headers: { authorization: `Bearer ${registrar}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      postId: officer.postId,
      courseCode: 'BENCH-INSVC',
      completedOn: '2025-01-15',
      hours: 8,
      result: 'pass',
      externalRef: 'bench-[<id>]',
    }),
    idReplacement: true,
  };
  // 20 connections: enough that 1,000 a second are sent even when each refusal waits on a lock.
  const refusal = { url: `${url}/api/v1/audit`, connections: 20, overallRate: refusalRate, headers: { authorization: `Bearer ${prober}` } };

  if (process.env.HTTP === '0') {
    await direct(app.get(AuditService), app.get(DataSource), seconds, refusalRate);
    await stop();
    return;
  }
  await loadTest({ ...write, seconds: 2 }); // warm-up
  await loadTest({ ...refusal, seconds: 2 });
  process.stdout.write(
    `audited writes (POST /training-completions, -c ${connections}) with and without ${refusalRate} refusals/s (GET /audit as an agency user: 403), -d ${seconds}, Node ${process.version}\n`,
  );
  const alone = await loadTest({ ...write, seconds });
  printRow('(a) audited writes alone', alone);
  const refusalsAlone = await loadTest({ ...refusal, seconds });
  printRow(`(b) refusals alone at ${refusalRate}/s`, refusalsAlone);
  const [together, refusalsTogether] = await Promise.all([loadTest({ ...write, seconds }), loadTest({ ...refusal, seconds })]);
  printRow(`(c) audited writes with ${refusalRate} refusals/s`, together, alone, { showCpu: false });
  printRow('    the refusals sent meanwhile', refusalsTogether, undefined, { showCpu: false });
  process.stdout.write(`ratio (c)/(a) = ${(together.requestsPerSecond / alone.requestsPerSecond).toFixed(2)} (target >= 0.80)\n`);

  if (process.env.DIRECT !== '0') await direct(app.get(AuditService), app.get(DataSource), seconds, refusalRate);

  const pool = new Pool({ connectionString: runtime.config.database.url, max: 1 });
  const answered = answeredRefusals(refusalsAlone) + answeredRefusals(refusalsTogether);
  const recorded = await countRefusals(pool);
  process.stdout.write(`refusals answered 403 in (b)+(c), warm-up included: >= ${answered}; access.refused recorded (chained + pending): ${recorded}\n`);
  await pool.end();
  await stop();
}

/**
 * The same question without HTTP, so that the service's event loop and autocannon (which on 2
 * cores cannot send 1,000 refusals a second through the whole stack) stay out of it: 8 writers
 * append audited entries in transactions as fast as they can, alone, then with `rate` refusals a
 * second recorded (d) the way they were before issue 17 (`recordStandalone`: a transaction that
 * takes the chain lock) and (e) as now (`recordRefusal`: one INSERT into audit_pending, the folder
 * chaining them every second as in the service). Writes per second are compared in one run.
 */
async function direct(audit: AuditService, dataSource: DataSource, seconds: number, rate: number): Promise<void> {
  const actor: Actor = {
    kind: 'user',
    id: 'bench',
    organizationId: '00000000-0000-4000-8000-000000000000',
    organizationType: 'commission',
    roles: ['commission_admin'],
  };
  const writes = async (refuse?: (n: number) => Promise<void>) => {
    const until = Date.now() + seconds * 1000;
    let written = 0;
    let refused = 0;
    let failed = 0;
    let failedWrites = 0;
    const writers = Array.from({ length: 8 }, async () => {
      while (Date.now() < until) {
        try {
          await dataSource.transaction((manager) => audit.record(manager, actor, { action: 'bench.write', entityType: 'bench', details: { n: written } }));
          written++;
        } catch {
          // Pool exhausted (refusals waiting for the chain lock hold its connections) or a timeout: counted, not fatal.
          failedWrites++;
        }
      }
    });
    // The refusals: `rate` a second in ticks of 10 ms, each tick's batch in parallel, not waiting for the previous tick.
    const inFlight: Promise<void>[] = [];
    const ticker = refuse
      ? setInterval(() => {
          for (let i = 0; i < rate / 100; i++) inFlight.push(refuse(refused++).catch(() => void failed++));
        }, 10)
      : undefined;
    await Promise.all(writers);
    clearInterval(ticker);
    await Promise.all(inFlight);
    return { writesPerSecond: written / seconds, refusalsPerSecond: refused / seconds, failed, failedWrites };
  };
  const record = (n: number) => ({ action: 'access.refused', entityType: 'route', details: { attempt: 'GET /bench', code: 'AUTH.FORBIDDEN', n } });
  await writes(); // warm-up
  const alone = await writes();
  const before = await writes((n) => audit.recordStandalone(actor, record(n)));
  const folder = setInterval(() => void audit.foldPending({ waitForOtherFolder: false }).catch(() => undefined), 1_000);
  const after = await writes((n) => audit.recordRefusal(actor, record(n)));
  clearInterval(folder);
  await audit.foldPending();
  const row = (label: string, r: { writesPerSecond: number; refusalsPerSecond: number; failed: number; failedWrites: number }, ratio?: number) =>
    process.stdout.write(
      `${label.padEnd(58)} ${r.writesPerSecond.toFixed(0).padStart(6)} writes/s (${r.failedWrites} failed)  ${r.refusalsPerSecond.toFixed(0).padStart(5)} refusals/s sent (${r.failed} failed)${ratio === undefined ? '' : `  ratio ${ratio.toFixed(2)}`}\n`,
    );
  process.stdout.write(`\nat the database, without HTTP: 8 writers, ${rate} refusals/s, ${seconds} s each\n`);
  row('(d0) audited entries alone', alone);
  row('(d) with refusals chained one by one (before issue 17)', before, before.writesPerSecond / alone.writesPerSecond);
  row('(e) with refusals pending, folded each second (now)', after, after.writesPerSecond / alone.writesPerSecond);
}

/** autocannon's non-2xx count: every refusal is a 403. */
function answeredRefusals(result: LoadResult): number {
  return result.non2xx;
}

/** Chained entries, plus those still pending when the build has a pending table (before issue 17 it has none). */
async function countRefusals(pool: Pool): Promise<number> {
  const count = async (sql: string) => (await pool.query<{ n: number }>(sql)).rows[0].n;
  const chained = await count(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'access.refused'`);
  const hasPending = (await pool.query<{ exists: boolean }>(`SELECT to_regclass('audit_pending') IS NOT NULL AS exists`)).rows[0].exists;
  if (!hasPending) return chained;
  return chained + (await count(`SELECT count(*)::int AS n FROM audit_pending WHERE action = 'access.refused'`));
}

async function loginAs(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`login ${email}: ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function post<T = unknown>(url: string, path: string, token: string, body: unknown): Promise<T> {
  const response = await fetch(`${url}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function userToken(url: string, adminToken: string, organizationId: string, email: string, role: string): Promise<string> {
  const password = 'bench-user-password-1';
  await post(url, `/organizations/${organizationId}/users`, adminToken, { email, password, roles: [role] });
  return loginAs(url, email, password);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
