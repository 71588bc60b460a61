import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { Pool } from 'pg';
import { chainHash, GENESIS_HASH } from '@app/audit';
import { hireabilitySnapshotSql } from '@app/certification';
import { disciplineSnapshotSql } from '@app/discipline';
import { pickSample, seedRegistry } from './lookup-seed';
import { BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD, LoadResult, loadTest, printRow, startBenchApp } from './support';

/**
 * Issue 21 targets, measured in one run against a registry of 1,000,000 officers (+ ~800k
 * middle-name and alias rows), autocannon -c 50 -d 15 unless said:
 *   (a)  bare Fastify + pg, the same exact postId query                         baseline of (d)
 *   (d)  GET /public/officers/:postId                                           >= 0.5 of (a)
 *   (b0) bare Fastify + pg doing a check's durable work in one transaction      baseline of (b)
 *        (the same profile read, the check's INSERT, an audit entry chained under the same lock, COMMIT)
 *   (b)  POST /hiring-checks {postId} with an agency JWT                        >= 0.5 of (b0), p99 < 50 ms
 *   (c)  POST /hiring-checks by misspelt name + DOB at a fixed 200 checks/s     p95 < 30 ms, <= 1.2 ms CPU per check
 *   (s)  GET /public/officers?name=                                             p95 < 300 ms, <= 10 ms CPU per search
 * and, as a reference without a target, (r) GET /me.
 * `npm run bench:lookup` (OFFICERS, CONNECTIONS, SECONDS override 1,000,000 / 50 / 15; with DATABASE_URL,
 * BENCH_REUSE=1 keeps the officers an earlier run seeded; TARGETS=c,s runs only those). CPU per request = this process +
 * the PostgreSQL backends connected to the bench's database (other sessions' PostgreSQL work on a shared server does not count).
 * Every hiring check is stored and audited, as in production.
 */
const CHECK_RATE = 200;
/** The profile a check by POST ID reads (libs/hiring officer-profiles.queries.ts), from the same fragments. */
const PROFILE_BY_POST_ID_SQL = `
  SELECT o.id, o.post_id, o.first_name, o.middle_name, o.last_name, o.suffix, o.date_of_birth, o.ssn_last4,
         coalesce((SELECT json_agg(json_build_object('agency', a.name, 'startDate', e.start_date, 'endDate', e.end_date,
                                                     'separationNature', e.separation_nature, 'underInvestigation', e.under_investigation)
                                   ORDER BY e.start_date, e.created_at)
                     FROM employment e JOIN organization a ON a.id = e.agency_id
                    WHERE e.officer_id = o.id), '[]'::json) AS employments,
         ${hireabilitySnapshotSql('o.id')} AS certification,
         ${disciplineSnapshotSql('o.id')} AS discipline
    FROM officer o WHERE o.post_id = $1`;
const BARE_AUDIT_LOCK = 7_007_007; // the audit chain's own lock: (b0) queues behind the same writers as (b)

async function main(): Promise<void> {
  const officers = Number(process.env.OFFICERS ?? 1_000_000);
  const connections = Number(process.env.CONNECTIONS ?? 50);
  const seconds = Number(process.env.SECONDS ?? 15);
  const log = (line: string) => process.stdout.write(`${line}\n`);

  const { runtime, url, stop } = await startBenchApp();
  const owner = new Pool({ connectionString: runtime.config.database.url, max: 2 });
  const pool = new Pool({ connectionString: runtime.config.database.url, max: 10 });
  const bare = Fastify();
  try {
    // BENCH_REUSE=1 with DATABASE_URL: keep the registry an earlier run seeded.
    const existing = Number((await owner.query<{ n: string }>(`SELECT count(*) AS n FROM officer`)).rows[0].n);
    if (process.env.BENCH_REUSE === '1' && existing >= officers) log(`reusing ${existing.toLocaleString('en-US')} officers`);
    else {
      log(`seeding (generate_series):`);
      await seedRegistry(owner, officers, log);
    }
    const certified = await pickSample(owner);
    const misspelt = certified.lastName.replace('Kowalczyk', 'Kowalsky');
    log(`sample: ${certified.postId}, "${certified.firstName} ${misspelt}" (registered as ${certified.lastName})`);

    const { token, agencyId } = await agencyToken(url);
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const byPostId = JSON.stringify({ postId: certified.postId });
    const byName = JSON.stringify({ firstName: certified.firstName, lastName: misspelt, dateOfBirth: certified.dateOfBirth });
    await expectMatch(url, auth, byPostId, certified.postId);
    await expectMatch(url, auth, byName, certified.postId);
    const publicReady = (await fetch(`${url}/api/v1/public/officers/${certified.postId}`)).status === 200;

    bare.get<{ Params: { postId: string } }>('/officers/:postId', async (request) => {
      const { rows } = await pool.query({
        name: 'officer-by-post-id',
        text: 'SELECT id, post_id, first_name, middle_name, last_name, suffix FROM officer WHERE post_id = $1',
        values: [request.params.postId],
      });
      return rows[0];
    });
    // (b0): what a hand-written service would do for one check, without Nest, TypeORM or group commit.
    bare.post<{ Body: { postId: string } }>('/hiring-checks', async (request) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const { rows } = await client.query({ name: 'bare-profile', text: PROFILE_BY_POST_ID_SQL, values: [request.body.postId] });
        const id = randomUUID();
        const checkedAt = new Date().toISOString();
        await client.query({
          name: 'bare-check-insert',
          text: `INSERT INTO hiring_check (id, agency_id, actor_kind, actor_id, checked_at, query_kind, query, answer, matched_officer_ids)
                 VALUES ($1, $2, 'user', 'bench-bare', $3, 'post_id', $4::jsonb, $5::jsonb, $6::uuid[])`,
          values: [id, agencyId, checkedAt, JSON.stringify(request.body), JSON.stringify({ matches: rows }), rows.map((r: { id: string }) => r.id)],
        });
        await client.query(`SELECT pg_advisory_xact_lock(${BARE_AUDIT_LOCK})`);
        const head = (
          await client.query<{ seq: string; hash: string }>({ name: 'bare-head', text: 'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1' })
        ).rows[0];
        const entry = {
          seq: head ? Number(head.seq) + 1 : 1,
          at: checkedAt,
          actorKind: 'user',
          actorId: 'bench-bare',
          organizationId: agencyId,
          action: 'hiring_check.create',
          entityType: 'hiring_check',
          entityId: id,
          requestId: null,
          details: { byPostId: true, matchCount: rows.length },
        };
        const prevHash = head?.hash ?? GENESIS_HASH;
        await client.query({
          name: 'bare-audit-insert',
          text: `INSERT INTO audit_log (seq, at, actor_kind, actor_id, organization_id, action, entity_type, entity_id, request_id, details, prev_hash, hash)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
          values: [
            entry.seq,
            entry.at,
            'user',
            'bench-bare',
            agencyId,
            entry.action,
            entry.entityType,
            id,
            null,
            JSON.stringify(entry.details),
            prevHash,
            chainHash(prevHash, entry),
          ],
        });
        await client.query('COMMIT');
        return { id, matches: rows.length };
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    });
    const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

    // Reads first, in the state the baseline (a) saw; then the checks, whose writes (each one stored
    // and audited) leave autovacuum, checkpoints and a bigger heap behind for whatever runs after them.
    type Target = { key: 'a' | 'b0' | 'b' | 'c' | 'd' | 'r' | 's'; label: string; options: Parameters<typeof loadTest>[0] };
    // PostgreSQL CPU of this database's backends only: the server may be shared with other sessions' tests.
    const postgresPids = async () =>
      (await owner.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`)).rows.map(
        (r) => r.pid,
      );
    const only = process.env.TARGETS?.split(',');
    const targets: Target[] = [
      { key: 'a', label: '(a) bare Fastify + pg, postId query', options: { url: `${bareUrl}/officers/${certified.postId}`, connections, seconds } },
      { key: 'd', label: '(d) GET /public/officers/:postId', options: { url: `${url}/api/v1/public/officers/${certified.postId}`, connections, seconds } },
      // Not a target: the cheapest authenticated route (one query), the floor the framework leaves for any handler.
      {
        key: 'r',
        label: '(r) GET /api/v1/me, same JWT (reference)',
        options: { url: `${url}/api/v1/me`, connections, seconds, headers: { authorization: auth.authorization } },
      },
      // The public name search, the one read that ranks many names (every officer sharing a name part).
      {
        key: 's',
        label: '(s) GET /public/officers?name=',
        options: { url: `${url}/api/v1/public/officers?limit=20&name=${encodeURIComponent(`${certified.firstName} ${misspelt}`)}`, connections, seconds },
      },
      {
        key: 'b0',
        label: '(b0) bare Fastify + pg, durable check',
        options: { url: `${bareUrl}/hiring-checks`, connections, seconds, method: 'POST', headers: { 'content-type': 'application/json' }, body: byPostId },
      },
      {
        key: 'b',
        label: '(b) POST /hiring-checks {postId} (JWT)',
        options: { url: `${url}/api/v1/hiring-checks`, connections, seconds, method: 'POST', headers: auth, body: byPostId },
      },
      {
        key: 'c',
        label: `(c) POST /hiring-checks misspelt name, ${CHECK_RATE}/s`,
        options: { url: `${url}/api/v1/hiring-checks`, connections, seconds, method: 'POST', headers: auth, body: byName, overallRate: CHECK_RATE },
      },
    ]
      .filter((target) => (target.key !== 'd' && target.key !== 's') || publicReady)
      .filter((target) => !only || only.includes(target.key))
      .map((target) => ({ ...target, options: { ...target.options, postgresPids } })) as Target[];
    if (!publicReady) log('(d) and (s) skipped: GET /public/officers/:postId does not answer 200 yet');

    for (const { options } of targets) await loadTest({ ...options, seconds: 2 }); // warm-up
    log(`\nautocannon -c ${connections} -d ${seconds}, Node ${process.version}, ${officers.toLocaleString('en-US')} officers, uptime: ${uptime()}`);
    const results = new Map<Target['key'], LoadResult>();
    for (const { key, label, options } of targets) {
      const result = await loadTest(options);
      results.set(key, result);
      printRow(label, result, key === 'b' ? results.get('b0') : key === 'd' ? results.get('a') : undefined);
    }
    const [a, b0, b, c, d, search] = (['a', 'b0', 'b', 'c', 'd', 's'] as const).map((key) => results.get(key));
    const cpuMs = (x: LoadResult) => (x.cpu.nodeMicros + (x.cpu.postgresMicros ?? 0)) / 1000;
    const verdict = (met: boolean) => (met ? 'MET' : 'NOT MET');
    log('');
    if (b && b0) {
      const bRatio = b.requestsPerSecond / b0.requestsPerSecond;
      log(
        `(b)/(b0) = ${bRatio.toFixed(2)} (target >= 0.5), p99 ${b.p99} ms (target < 50), ${cpuMs(b).toFixed(2)} ms CPU/check  ${verdict(bRatio >= 0.5 && b.p99 < 50)}`,
      );
    }
    if (c)
      log(
        `(c) at ${CHECK_RATE}/s: p95 between p90 ${c.p90} ms and p97.5 ${c.p97_5} ms (target < 30) ${p95Verdict(c, 30)}; ${cpuMs(c).toFixed(2)} ms CPU/check (target <= 1.2) ${verdict(cpuMs(c) <= 1.2)}`,
      );
    if (d && a)
      log(`(d)/(a) = ${(d.requestsPerSecond / a.requestsPerSecond).toFixed(2)} (target >= 0.50)  ${verdict(d.requestsPerSecond / a.requestsPerSecond >= 0.5)}`);
    if (search)
      log(
        `(s) p95 between p90 ${search.p90} ms and p97.5 ${search.p97_5} ms (target < 300) ${p95Verdict(search, 300)}; ${cpuMs(search).toFixed(2)} ms CPU/search (target <= 10) ${verdict(cpuMs(search) <= 10)}`,
      );
    // The same checks one at a time: what a single clerk waits, without the queueing of 50 connections.
    log('');
    const optionsOf = (key: Target['key']) => targets.find((target) => target.key === key)?.options;
    const bOptions = optionsOf('b');
    if (bOptions) printRow('(b) one connection', await loadTest({ ...bOptions, connections: 1 }), undefined, { showCpu: false });
    const cOptions = optionsOf('c');
    if (cOptions) {
      const single = await loadTest({ ...cOptions, connections: 1, overallRate: undefined });
      printRow('(c) one connection', single, undefined, { showCpu: false });
      log(`(c) one connection: p95 between p90 ${single.p90} ms and p97.5 ${single.p97_5} ms`);
    }
    const stored = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM hiring_check`);
    log(`hiring checks stored (and audited) during the run: ${stored.rows[0].n.toLocaleString('en-US')}`);
  } finally {
    await bare.close();
    await pool.end();
    await owner.end();
    await stop();
  }
}

/** autocannon has no p95: the verdict is certain only when both neighbours agree. */
function p95Verdict(result: LoadResult, limitMs: number): string {
  if (result.p97_5 < limitMs) return 'MET';
  if (result.p90 >= limitMs) return 'NOT MET';
  return 'UNDECIDED (p90 below, p97.5 above the limit)';
}

const uptime = () => {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'n/a';
  }
};

async function agencyToken(url: string): Promise<{ token: string; agencyId: string }> {
  const post = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(`${url}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, string>;
  };
  const { accessToken: admin } = await post('/auth/login', { email: BENCH_ADMIN_EMAIL, password: BENCH_ADMIN_PASSWORD });
  const run = Date.now().toString(36).toUpperCase(); // a reused database keeps earlier runs' agencies
  const agency = await post('/organizations', { type: 'agency', name: `Bench Hiring Agency ${run}`, code: `BENCH-HIRING-${run}` }, admin);
  const email = `hiring-${run.toLowerCase()}@bench.local`;
  await post(`/organizations/${agency.id}/users`, { email, password: 'bench-hiring-password', roles: ['agency_hiring'] }, admin);
  return { token: (await post('/auth/login', { email, password: 'bench-hiring-password' })).accessToken, agencyId: agency.id };
}

/** The measured request must do the real work: one 201 listing the sample officer. */
async function expectMatch(url: string, headers: Record<string, string>, body: string, postId: string): Promise<void> {
  const response = await fetch(`${url}/api/v1/hiring-checks`, { method: 'POST', headers, body });
  const answer = (await response.json()) as { matches?: { postId: string; matchScore: number; matchReasons: string[] }[] };
  const match = answer.matches?.find((m) => m.postId === postId);
  if (response.status !== 201 || !match) throw new Error(`hiring check ${body} did not find ${postId}: ${response.status} ${JSON.stringify(answer)}`);
  process.stdout.write(
    `check ${body.replace(/"dateOfBirth":"[^"]*"/, '"dateOfBirth":"…"')} → ${answer.matches!.length} match(es), ${postId} score ${match.matchScore} ${match.matchReasons.join(',')}\n`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
