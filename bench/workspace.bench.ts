import { readFileSync } from 'node:fs';
import { Pool } from 'pg';
import { seedRegistry } from './lookup-seed';
import { BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD, postgresCpuSince, postgresCpuTicks, startBenchApp } from './support';

/**
 * Issue 23: GET /stats/overview and GET /work-queue on the 1,000,000-officer registry of
 * bench:lookup (lookup-seed.ts) with 50,000 cases in every status, their decisions, reports,
 * 20,000 hiring checks, terms ending soon and wandering officers. Target: p95 < 200 ms each.
 * Latencies are measured here per request (exact p50/p95, not autocannon's buckets), REQUESTS
 * requests at CONCURRENCY in flight, after a warm-up; GET /me, measured in the same run, is the
 * baseline (the cheapest authenticated route). CPU per request = this process + every PostgreSQL
 * process on the machine (other sessions' tests included: see the load printed).
 * `npm run bench:workspace` (OFFICERS, CASES, REQUESTS, CONCURRENCY; DATABASE_URL: a database of your own).
 */
async function main(): Promise<void> {
  const officers = Number(process.env.OFFICERS ?? 1_000_000);
  const cases = Number(process.env.CASES ?? 50_000);
  const requests = Number(process.env.REQUESTS ?? 200);
  const concurrency = Number(process.env.CONCURRENCY ?? 4);
  const log = (line: string) => process.stdout.write(`${line}\n`);

  const { runtime, url, stop } = await startBenchApp();
  const owner = new Pool({ connectionString: runtime.config.database.url, max: 2 });
  try {
    const existing = Number((await owner.query<{ n: string }>(`SELECT count(*) AS n FROM officer`)).rows[0].n);
    if (process.env.BENCH_REUSE === '1' && existing >= officers) log(`reusing ${existing.toLocaleString('en-US')} officers`);
    else {
      log('seeding (generate_series):');
      await seedRegistry(owner, officers, log);
      await seedWorkspace(owner, officers, cases, log);
    }
    const token = await adminToken(url);
    const headers = { authorization: `Bearer ${token}` };
    const targets = [
      { label: 'GET /me (baseline)', path: '/api/v1/me' },
      { label: 'GET /work-queue', path: '/api/v1/work-queue' },
      { label: 'GET /work-queue, 10th page', path: '' },
      { label: 'GET /stats/overview (12 months)', path: '/api/v1/stats/overview' },
    ];
    targets[2].path = await tenthPage(url, headers);
    const queue = await get<{ items: { kind: string }[] }>(url, '/api/v1/work-queue?limit=500', headers);
    log(`work queue: first 500 items by kind ${JSON.stringify(countBy(queue.items.map((i) => i.kind)))}`);
    const stats = await get<{ casesByStatus: Record<string, number>; certificationsByStatus: Record<string, number>; wanderingOfficers: unknown[] }>(
      url,
      '/api/v1/stats/overview',
      headers,
    );
    log(
      `stats: casesByStatus ${JSON.stringify(stats.casesByStatus)}, certified ${stats.certificationsByStatus.certified}, wandering ${stats.wanderingOfficers.length}`,
    );

    for (const target of targets) await measure(url, target.path, headers, 20, concurrency); // warm-up
    log(`\n${requests} requests each, ${concurrency} in flight, Node ${process.version}, load ${loadavg()}`);
    const results: Record<string, Measured> = {};
    for (const target of targets) {
      const result = await measure(url, target.path, headers, requests, concurrency);
      results[target.label] = result;
      log(
        `${target.label.padEnd(36)} p50 ${result.p50.toFixed(1).padStart(6)} ms  p95 ${result.p95.toFixed(1).padStart(6)} ms  max ${result.max.toFixed(1).padStart(6)} ms  ` +
          `CPU ${result.cpuMsPerRequest.toFixed(2)} ms/request (Node ${result.nodeCpuMsPerRequest.toFixed(2)})`,
      );
    }
    const base = results['GET /me (baseline)'];
    log('');
    for (const label of ['GET /work-queue', 'GET /work-queue, 10th page', 'GET /stats/overview (12 months)']) {
      const r = results[label];
      log(`${label}: p95 ${r.p95.toFixed(1)} ms (target < 200) ${r.p95 < 200 ? 'MET' : 'NOT MET'}; ${(r.p50 / base.p50).toFixed(1)}x the baseline's p50`);
    }
  } finally {
    await owner.end();
    await stop();
  }
}

/** 50,000 cases across the workflow (the lookup seed made ~10,300 open ones), with what each status implies. */
async function seedWorkspace(db: Pool, officers: number, cases: number, log: (line: string) => void): Promise<void> {
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t0 = Date.now();
    await db.query(sql, params);
    log(`  ${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };
  const have = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM commission_case`)).rows[0].n);
  const statuses = `ARRAY['notice_issued','hearing_scheduled','heard','decided','appealed','final','final','dismissed']`;
  await step(
    `cases to ${cases.toLocaleString('en-US')}`,
    `INSERT INTO commission_case (case_number, officer_id, status, version, summary, state, opened_by, opened_at)
     SELECT '2026-' || lpad(g::text, 6, '0'), o.id, s.status, 3, 'Bench case',
            jsonb_build_object('grounds', '[]'::jsonb, 'interimSuspension',
                CASE WHEN g % 25 = 0 THEN jsonb_build_object('suspendedOn', (current_date - (g % 40))::text, 'hearingRequestedOn', (current_date - (g % 40) + 2)::text,
                                                            'hearingHeldOn', NULL, 'hearingWaived', false, 'endedOn', NULL) END,
              'notice', jsonb_build_object('issuedOn', (current_date - 30)::text, 'proposedSanction', 'suspend', 'responseDueOn', (current_date + (g % 60) - 30)::text),
              'response', NULL,
              'hearing', CASE WHEN s.status = 'hearing_scheduled' THEN jsonb_build_object('hearingOn', (current_date + (g % 90) - 20)::text, 'heldOn', NULL) END,
              'decision', CASE WHEN s.status IN ('decided', 'appealed', 'final') THEN jsonb_build_object('sanction', (ARRAY['revoke','suspend','retrain','reprimand','no_action'])[1 + g % 5], 'decidedOn', (current_date - (g % 365))::text) END),
            'bench', now() - make_interval(days => g % 700)
       FROM generate_series(1, greatest($1::int - $2::int, 0)) g
       JOIN LATERAL (SELECT id FROM officer WHERE post_id = 'MA-' || lpad((1 + (g * 37) % $3::int)::text, 7, '0')) o ON true
      CROSS JOIN LATERAL (SELECT (${statuses})[1 + g % 8] AS status) s`,
    [cases, have, officers],
  );
  await step(
    // Before the events: the final_days tally reads a case's reports when its finalize event is written.
    'reports behind the final cases',
    `WITH r AS (
       INSERT INTO misconduct_report (agency_id, officer_id, received_on, filed_on, due_on, late, created_by)
       SELECT (SELECT id FROM organization WHERE code = 'BENCH-AG-1'), k.officer_id, d - 200 - (k.n % 100), d - 199 - (k.n % 100), d - 197 - (k.n % 100), k.n % 20 = 0, 'bench:' || k.id
         FROM (SELECT id, officer_id, (state -> 'decision' ->> 'decidedOn')::date AS d, row_number() OVER ()::int AS n FROM commission_case WHERE status = 'final') k(id, officer_id, d, n)
       RETURNING id, created_by)
     INSERT INTO case_report (case_id, report_id) SELECT substring(created_by, 7)::uuid, id FROM r`,
  );
  await step(
    'decisions (case_event decide, finalize)',
    `INSERT INTO case_event (case_id, version, action, from_status, to_status, payload, occurred_on, actor_kind, actor_id)
     SELECT k.id, 100, 'decide', 'heard', 'decided', jsonb_build_object('sanction', k.state -> 'decision' ->> 'sanction'), (k.state -> 'decision' ->> 'decidedOn')::date, 'user', 'bench'
       FROM commission_case k WHERE k.state -> 'decision' ->> 'decidedOn' IS NOT NULL
     UNION ALL
     SELECT k.id, 101, 'finalize', 'decided', 'final', '{}'::jsonb, (k.state -> 'decision' ->> 'decidedOn')::date + 31, 'user', 'bench'
       FROM commission_case k WHERE k.status = 'final'`,
  );
  await step(
    'terms ending within 90 days (3%)',
    `UPDATE certification c SET expires_on = current_date + 1 + substring(o.post_id, 4)::int % 90
       FROM officer o WHERE o.id = c.officer_id AND c.status = 'certified' AND substring(o.post_id, 4)::int % 33 = 0`,
  );
  await step(
    'hiring checks (20,000 over a year)',
    `INSERT INTO hiring_check (agency_id, actor_kind, actor_id, checked_at, query_kind, query, answer, matched_officer_ids)
     SELECT (SELECT id FROM organization WHERE code = 'BENCH-AG-' || (1 + g % 50)), 'user', 'bench', now() - make_interval(hours => g % 8760), 'post_id',
            jsonb_build_object('postId', o.post_id), jsonb_build_object('matches', jsonb_build_array(jsonb_build_object('postId', o.post_id, 'hireable', g % 9 <> 0))), ARRAY[o.id]
       FROM generate_series(1, 20000) g JOIN officer o ON o.post_id = 'MA-' || lpad((1 + (g * 53) % $1::int)::text, 7, '0')`,
    [officers],
  );
  await step(
    'second separations under investigation (wandering officers)',
    `INSERT INTO employment (officer_id, agency_id, position, start_date, end_date, separation_nature, separation_reason, under_investigation)
     SELECT e.officer_id, (SELECT id FROM organization WHERE code = 'BENCH-AG-50'), 'Patrol Officer', DATE '2010-01-01', DATE '2012-01-01', 'resigned', 'left', true
       FROM employment e WHERE e.under_investigation AND e.agency_id <> (SELECT id FROM organization WHERE code = 'BENCH-AG-50') LIMIT 800`,
  );
  await step('vacuum analyze', `VACUUM (ANALYZE) commission_case, case_event, case_report, misconduct_report, certification, hiring_check, employment`);
}

interface Measured {
  p50: number;
  p95: number;
  max: number;
  cpuMsPerRequest: number;
  nodeCpuMsPerRequest: number;
}

async function measure(url: string, path: string, headers: Record<string, string>, count: number, concurrency: number): Promise<Measured> {
  const latencies: number[] = [];
  const cpuBefore = process.cpuUsage();
  const pgBefore = postgresCpuTicks();
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      const t0 = performance.now();
      const response = await fetch(`${url}${path}`, { headers });
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const node = process.cpuUsage(cpuBefore);
  const nodeMicros = node.user + node.system;
  const pgMicros = postgresCpuSince(pgBefore) ?? 0;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.ceil(q * latencies.length) - 1)];
  return {
    p50: at(0.5),
    p95: at(0.95),
    max: latencies[latencies.length - 1],
    cpuMsPerRequest: (nodeMicros + pgMicros) / 1000 / count,
    nodeCpuMsPerRequest: nodeMicros / 1000 / count,
  };
}

async function get<T>(url: string, path: string, headers: Record<string, string>): Promise<T> {
  const response = await fetch(`${url}${path}`, { headers });
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The cursor of the queue's 10th page of 50: the keyset's cost should not grow with the depth. */
async function tenthPage(url: string, headers: Record<string, string>): Promise<string> {
  let path = '/api/v1/work-queue';
  for (let page = 1; page < 10; page++) {
    const body = await get<{ nextCursor: string | null }>(url, path, headers);
    if (!body.nextCursor) break;
    path = `/api/v1/work-queue?cursor=${encodeURIComponent(body.nextCursor)}`;
  }
  return path;
}

async function adminToken(url: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: BENCH_ADMIN_EMAIL, password: BENCH_ADMIN_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login: ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

const countBy = (values: string[]) => values.reduce<Record<string, number>>((acc, v) => ({ ...acc, [v]: (acc[v] ?? 0) + 1 }), {});
const loadavg = () => {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
