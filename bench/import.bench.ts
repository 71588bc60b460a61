import { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD, startBenchApp } from './support';

/**
 * Issue 3 target: importing training completions through POST /training-completions/batch
 * (10,000 rows a request, CSV and JSON) reaches at least 25% of the rows/s of a bare
 * `COPY … FROM STDIN` of the same rows into the same table, measured in the same run.
 * `npm run bench:import` (ROWS, RUNS override 100,000 rows and 3 runs; the median is kept).
 */
const ROWS = Number(process.env.ROWS ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 3);
const BATCH = 10_000;
const HEADER = 'postId,courseCode,completedOn,hours,result,externalRef';
const COURSE_CODE = 'BENCH-INSERVICE';

interface Completion {
  postId: string;
  courseCode: string;
  completedOn: string;
  hours: number;
  result: 'pass' | 'fail';
  externalRef: string;
}

async function main(): Promise<void> {
  const { runtime, url, stop } = await startBenchApp();
  const owner = new Pool({ connectionString: runtime.config.database.url, max: 2 });
  try {
    const api = apiClient(url);
    const admin = await api.login(BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD);
    const academy = (await api.post(admin, '/organizations', { type: 'academy', name: 'Bench Academy', code: 'BENCH-ACADEMY' })) as { id: string };
    await api.post(admin, `/organizations/${academy.id}/users`, {
      email: 'registrar@bench.local',
      password: 'bench-registrar-pw',
      roles: ['academy_registrar'],
    });
    const registrar = await api.login('registrar@bench.local', 'bench-registrar-pw');
    await api.post(admin, '/courses', { code: COURSE_CODE, title: 'Bench in-service', kind: 'in_service', hours: 9 });
    const postIds = await seedOfficers(owner, ROWS);
    const rows: Completion[] = postIds.map((postId, i) => ({
      postId,
      courseCode: COURSE_CODE,
      completedOn: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      hours: 8 + (i % 4) * 0.25,
      result: i % 10 === 0 ? 'fail' : 'pass',
      externalRef: `BENCH-${String(i).padStart(7, '0')}`,
    }));

    // Bodies built before the clock starts: the client's work is not the service's.
    const csvBodies = chunks(rows, BATCH).map((batch) => [HEADER, ...batch.map(csvLine)].join('\n'));
    const jsonBodies = chunks(rows, BATCH).map((records) => JSON.stringify({ records }));
    const copyText = await copyLines(owner, academy.id, rows);
    const truncate = () => owner.query('TRUNCATE training_completion');

    const viaApi = async (bodies: string[], contentType: string) => {
      const started = process.hrtime.bigint();
      for (const body of bodies) {
        const result = (await api.postRaw(registrar, '/training-completions/batch', body, contentType)) as { accepted: number; rejected: unknown[] };
        if (result.accepted !== Math.min(BATCH, ROWS)) throw new Error(`batch not fully accepted: ${JSON.stringify(result).slice(0, 500)}`);
      }
      return seconds(started);
    };
    const viaCopy = async () => {
      const client = await owner.connect();
      try {
        const started = process.hrtime.bigint();
        await copyInOneTransaction(client, copyText);
        return seconds(started);
      } finally {
        client.release();
      }
    };

    // Warm-up (JIT, plan caches, pool), not measured.
    await viaApi(csvBodies.slice(0, 1), 'text/csv');
    await truncate();
    await viaApi(jsonBodies.slice(0, 1), 'application/json');
    await truncate();
    await viaCopy();
    await truncate();

    // Runs interleaved (COPY, CSV, JSON, COPY, …) so that a change in machine load hits all three alike.
    const methods: [string, () => Promise<number>][] = [
      ['(a) COPY FROM STDIN, one transaction (baseline)', viaCopy],
      [`(b) POST /training-completions/batch, CSV, ${BATCH}/request`, () => viaApi(csvBodies, 'text/csv')],
      [`(c) POST /training-completions/batch, JSON, ${BATCH}/request`, () => viaApi(jsonBodies, 'application/json')],
    ];
    const times = methods.map((): number[] => []);
    for (let run = 0; run < RUNS; run++) {
      for (const [index, [label, method]] of methods.entries()) {
        times[index].push(await method());
        const { rows: counted } = await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM training_completion');
        if (counted[0].n !== ROWS) throw new Error(`${label}: ${counted[0].n} rows stored, expected ${ROWS}`);
        await truncate();
      }
    }

    say(`${ROWS} training completions into training_completion, ${RUNS} interleaved runs each (median), Node ${process.version}`);
    const [copy, csv, json] = methods.map(([label], index) => {
      const median = [...times[index]].sort((a, b) => a - b)[Math.floor(RUNS / 2)];
      const rate = ROWS / median;
      say(
        `${label.padEnd(58)} runs ${times[index].map((s) => `${(s * 1000).toFixed(0)} ms`).join(' / ')}  median ${(median * 1000).toFixed(0)} ms  ${rate.toFixed(0).padStart(7)} rows/s`,
      );
      return rate;
    });
    say(`ratio (b)/(a) = ${(csv / copy).toFixed(2)}, (c)/(a) = ${(json / copy).toFixed(2)} (target >= 0.25)`);
  } finally {
    await owner.end();
    await stop();
  }
}

/** Officers as the officers context stores them (officer, current name, not_certified), by SQL: the API would take minutes. */
async function seedOfficers(owner: Pool, count: number): Promise<string[]> {
  const { rows } = await owner.query(
    `WITH numbers AS (SELECT g, nextval('officer_post_number_seq') AS n FROM generate_series(1, $1::int) AS g),
     officers AS (
       INSERT INTO officer (post_id, first_name, last_name, date_of_birth)
       SELECT 'MA-' || lpad(n::text, 6, '0'), 'Bench', 'Officer' || g, DATE '1970-01-01' + (g % 10000) FROM numbers
       RETURNING id, post_id, first_name, last_name, date_of_birth),
     names AS (
       INSERT INTO officer_name (officer_id, kind, first_name, last_name, normalized_first, normalized_last, normalized_full, date_of_birth)
       SELECT id, 'current', first_name, last_name, lower(first_name), lower(last_name), lower(first_name || ' ' || last_name), date_of_birth FROM officers),
     certifications AS (INSERT INTO certification (officer_id, status) SELECT id, 'not_certified' FROM officers)
     SELECT post_id FROM officers ORDER BY post_id`,
    [count],
  );
  await owner.query('ANALYZE officer');
  return rows.map((row: { post_id: string }) => row.post_id);
}

/** COPY's text format for the same rows; ids are resolved beforehand (COPY cannot look anything up). */
async function copyLines(owner: Pool, academyId: string, rows: Completion[]): Promise<string[]> {
  const { rows: officers } = await owner.query<{ id: string; post_id: string }>(`SELECT id, post_id FROM officer WHERE post_id = ANY($1)`, [
    rows.map((r) => r.postId),
  ]);
  const officerIds = new Map(officers.map((o) => [o.post_id, o.id]));
  const { rows: courses } = await owner.query<{ id: string }>(`SELECT id FROM course WHERE code = $1`, [COURSE_CODE]);
  const lines = rows.map((r) => `${academyId}\t${officerIds.get(r.postId)}\t${courses[0].id}\t${r.completedOn}\t${r.hours}\t${r.result}\t${r.externalRef}\n`);
  // 2,000-row chunks, as in research/stack.md §3.3.
  return chunks(lines, 2000).map((chunk) => chunk.join(''));
}

async function copyInOneTransaction(client: PoolClient, chunksOfLines: string[]): Promise<void> {
  await client.query('BEGIN');
  try {
    const sink = client.query(copyFrom('COPY training_completion (academy_id, officer_id, course_id, completed_on, hours, result, external_ref) FROM STDIN'));
    await pipeline(Readable.from(chunksOfLines), sink);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

function apiClient(base: string) {
  const call = async (token: string | undefined, path: string, body: string, contentType: string) => {
    const response = await fetch(`${base}/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
    });
    const parsed = await response.json();
    if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(parsed).slice(0, 500)}`);
    return parsed;
  };
  return {
    login: async (email: string, password: string) =>
      ((await call(undefined, '/auth/login', JSON.stringify({ email, password }), 'application/json')) as { accessToken: string }).accessToken,
    post: (token: string, path: string, body: unknown) => call(token, path, JSON.stringify(body), 'application/json'),
    postRaw: (token: string, path: string, body: string, contentType: string) => call(token, path, body, contentType),
  };
}

const csvLine = (r: Completion) => `${r.postId},${r.courseCode},${r.completedOn},${r.hours},${r.result},${r.externalRef}`;
const chunks = <T>(items: T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;
const say = (line: string) => process.stdout.write(`${line}\n`);

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
