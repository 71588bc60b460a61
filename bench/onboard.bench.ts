import { spawn, ChildProcess, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * Issue 18 target: a state's history (1,000,000 officers with aliases, 1,500,000 employments,
 * 1,000,000 certifications, 3,000,000 training completions, 20,000 final actions, times
 * ONBOARD_SCALE) imported through POST /imports into the built service (a child process, its
 * jobs inline), then the same rows COPYed into the same tables of a fresh database of the same
 * schema (the baseline). The files are generated row by row as they stream (never held whole);
 * the same generators feed the API and COPY. Databases of our own on PG_URL's server, dropped.
 */
// The values of bench/support.ts, not imported: that module loads the whole application into this process.
const BENCH_ADMIN_EMAIL = 'bench-admin@commission.local';
const BENCH_ADMIN_PASSWORD = 'bench-admin-password-1';
const SCALE = Number(process.env.ONBOARD_SCALE ?? 1);
const SERVER = process.env.PG_URL ?? 'postgres://postgres@127.0.0.1:5432';
const PORT = Number(process.env.PORT ?? 3997);
const MAIN = join(__dirname, '..', 'apps', 'api', 'src', 'main.js');
const FILE_ROWS = 1_500_000; // under API.md's 2,000,000 rows a file
const N = {
  officers: Math.round(1_000_000 * SCALE),
  employments: Math.round(1_500_000 * SCALE),
  certifications: Math.round(1_000_000 * SCALE),
  training: Math.round(3_000_000 * SCALE),
  final_actions: Math.max(1, Math.round(20_000 * SCALE)),
};
const AGENCIES = Math.max(5, Math.round(350 * Math.sqrt(SCALE)));
const ACADEMIES = 10;
const COURSES = 40;
const TARGET: Record<string, number> = { officers: 0.1, employments: 0.5, certifications: 0.5, training: 0.5, final_actions: 0.5 };
type Kind = keyof typeof N;
const ALL_KINDS: Kind[] = ['officers', 'employments', 'certifications', 'training', 'final_actions'];
/** ONBOARD_KINDS=officers,training: only these kinds (in this order; the others refer to officers, so keep `officers` first). */
const KINDS: Kind[] = process.env.ONBOARD_KINDS ? ALL_KINDS.filter((k) => process.env.ONBOARD_KINDS!.split(',').includes(k)) : ALL_KINDS;

const FIRST = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'David', 'Susan', 'Carlos', 'Maria', 'Kevin', 'Nicole'];
const SYLLABLES = ['bar', 'ken', 'lo', 'mar', 'son', 'tri', 'vel', 'dor', 'ash', 'quin', 'rey', 'zel', 'pol', 'gan', 'hu', 'wes'];
/** A surname unique to i (its digits in base 16 as syllables), so that few officers look alike. */
const surname = (i: number) => {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor(n / 16)) s += SYLLABLES[n % 16];
  return s[0].toUpperCase() + s.slice(1);
};
const day = (base: number, offset: number) => new Date(Date.UTC(base, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
const agencyCode = (i: number) => `AG-${String(i % AGENCIES).padStart(4, '0')}`;
const academyCode = (i: number) => `AC-${String(i % ACADEMIES).padStart(2, '0')}`;
const courseCode = (i: number) => `CRS-${String(i % COURSES).padStart(3, '0')}`;

interface Officer {
  sourceId: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  aliases: [string, string][];
}
const officer = (i: number): Officer => ({
  sourceId: `S${i}`,
  firstName: FIRST[i % FIRST.length],
  lastName: surname(i),
  dateOfBirth: day(1960, i % 12_000),
  aliases: i % 2 === 0 ? [[FIRST[(i + 3) % FIRST.length], surname(i)]] : [],
});
const employment = (i: number) => {
  const o = i % N.officers;
  const ended = i < N.officers && i + N.officers < N.employments; // an officer's first of two jobs has ended
  return { o, agency: agencyCode(i), start: day(ended ? 2005 : 2016, i % 1000), end: ended ? day(2015, i % 300) : null, position: 'Patrol Officer' };
};
const certification = (i: number) => ({ o: i % N.officers, issued: day(2022, i % 700), expires: day(2027, i % 700) });
const training = (i: number) => ({
  o: i % N.officers,
  course: courseCode(i),
  academy: academyCode(i),
  on: day(2018, i % 2500),
  hours: 4 + (i % 5), // at most the course's 8 hours
  result: i % 20 === 0 ? 'fail' : 'pass',
  ref: `TR-${i}`,
});
const finalAction = (i: number) => ({
  sourceId: `FA-${i}`,
  o: (i * 37) % N.officers,
  type: i % 3 === 0 ? 'revocation' : 'retraining',
  on: day(2019, i % 1500),
});

/** The CSV lines of `kind`, rows [from, to), in blocks of 1,000 lines. */
function* csvLines(kind: Kind, from: number, to: number): Generator<string> {
  const header: Record<Kind, string> = {
    officers: 'sourceId,firstName,lastName,dateOfBirth,aliases',
    employments: 'officerSourceId,agencyCode,startDate,endDate,position,separationNature,underInvestigation',
    certifications: 'officerSourceId,status,issuedOn,expiresOn',
    training: 'officerSourceId,courseCode,academyCode,completedOn,hours,result,externalRef',
    final_actions: 'sourceId,officerSourceId,type,effectiveOn,decidedOn,jurisdiction,caseReference',
  };
  let block = `${header[kind]}\n`;
  for (let i = from; i < to; i++) {
    block += `${csvRow(kind, i)}\n`;
    if ((i - from) % 1000 === 999) {
      yield block;
      block = '';
    }
  }
  if (block) yield block;
}

function csvRow(kind: Kind, i: number): string {
  switch (kind) {
    case 'officers': {
      const o = officer(i);
      return `${o.sourceId},${o.firstName},${o.lastName},${o.dateOfBirth},${o.aliases.map((a) => a.join(' ')).join('|')}`;
    }
    case 'employments': {
      const e = employment(i);
      return `S${e.o},${e.agency},${e.start},${e.end ?? ''},${e.position},${e.end ? 'resigned' : ''},${e.end ? 'false' : ''}`;
    }
    case 'certifications': {
      const c = certification(i);
      return `S${c.o},certified,${c.issued},${c.expires}`;
    }
    case 'training': {
      const t = training(i);
      return `S${t.o},${t.course},${t.academy},${t.on},${t.hours},${t.result},${t.ref}`;
    }
    case 'final_actions': {
      const f = finalAction(i);
      return `${f.sourceId},S${f.o},${f.type},${f.on},${f.on},MA,CASE-${i}`;
    }
  }
}

interface Refs {
  officerIds: string[];
  agencies: Map<string, string>;
  academies: Map<string, string>;
  courses: Map<string, string>;
  /** imported_final_action.import_id is required: one data_import row stands for the baseline's load. */
  importId: string;
}

/** COPY statements and their text lines for `kind`: the same rows, ids resolved beforehand (COPY looks nothing up). */
function copyPlan(kind: Kind, refs: Refs): { table: string; columns: string; lines: () => Generator<string> }[] {
  const blocks = function* (n: number, line: (i: number) => string) {
    let block = '';
    for (let i = 0; i < n; i++) {
      block += line(i);
      if (i % 1000 === 999) {
        yield block;
        block = '';
      }
    }
    if (block) yield block;
  };
  const name = (officerId: string, kindOfName: string, first: string, last: string, dob: string, postId: string) =>
    `${officerId}\t${kindOfName}\t${first}\t${last}\t${first.toLowerCase()}\t${last.toLowerCase()}\t${`${first} ${last}`.toLowerCase()}\t${dob}\t${postId}\n`;
  const postId = (i: number) => `MA-${String(i + 1).padStart(6, '0')}`;
  switch (kind) {
    case 'officers':
      return [
        {
          table: 'officer',
          columns: 'id, post_id, first_name, last_name, date_of_birth',
          lines: () => blocks(N.officers, (i) => ((o) => `${refs.officerIds[i]}\t${postId(i)}\t${o.firstName}\t${o.lastName}\t${o.dateOfBirth}\n`)(officer(i))),
        },
        {
          table: 'officer_name',
          columns: 'officer_id, kind, first_name, last_name, normalized_first, normalized_last, normalized_full, date_of_birth, post_id',
          lines: () =>
            blocks(N.officers, (i) => {
              const o = officer(i);
              const id = refs.officerIds[i];
              return (
                name(id, 'current', o.firstName, o.lastName, o.dateOfBirth, postId(i)) +
                o.aliases.map(([f, l]) => name(id, 'alias', f, l, o.dateOfBirth, postId(i))).join('')
              );
            }),
        },
      ];
    case 'employments':
      return [
        {
          table: 'employment',
          columns: 'officer_id, agency_id, position, start_date, end_date, separation_nature, under_investigation',
          lines: () =>
            blocks(N.employments, (i) => {
              const e = employment(i);
              return `${refs.officerIds[e.o]}\t${refs.agencies.get(e.agency)}\t${e.position}\t${e.start}\t${e.end ?? '\\N'}\t${e.end ? 'resigned' : '\\N'}\t${e.end ? 'f' : '\\N'}\n`;
            }),
        },
      ];
    case 'certifications':
      return [
        {
          table: 'certification',
          columns: 'officer_id, status, issued_on, expires_on, first_certified_on',
          lines: () =>
            blocks(N.certifications, (i) => ((c) => `${refs.officerIds[c.o]}\tcertified\t${c.issued}\t${c.expires}\t${c.issued}\n`)(certification(i))),
        },
      ];
    case 'training':
      return [
        {
          table: 'training_completion',
          columns: 'academy_id, officer_id, course_id, completed_on, hours, result, external_ref',
          lines: () =>
            blocks(N.training, (i) => {
              const t = training(i);
              return `${refs.academies.get(t.academy)}\t${refs.officerIds[t.o]}\t${refs.courses.get(t.course)}\t${t.on}\t${t.hours}\t${t.result}\t${t.ref}\n`;
            }),
        },
      ];
    case 'final_actions':
      return [
        {
          table: 'imported_final_action',
          columns: 'officer_id, source_id, type, effective_on, decided_on, jurisdiction, out_of_state, case_reference, import_id',
          lines: () =>
            blocks(N.final_actions, (i) =>
              ((f) => `${refs.officerIds[f.o]}\t${f.sourceId}\t${f.type}\t${f.on}\t${f.on}\tMA\tf\tCASE-${i}\t${refs.importId}\n`)(finalAction(i)),
            ),
        },
      ];
  }
}

async function main(): Promise<void> {
  const suffix = `${process.pid}_${Date.now().toString(36)}`;
  const apiDb = `onboard_api_${suffix}`;
  const copyDb = `onboard_copy_${suffix}`;
  const admin = new Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  let service: Service | undefined;
  try {
    await admin.query(`CREATE DATABASE ${apiDb}`);
    const databaseUrl = `${SERVER}/${apiDb}`;
    say(`ONBOARD_SCALE=${SCALE}: ${KINDS.map((k) => `${N[k]} ${k}`).join(', ')}; ${AGENCIES} agencies, ${ACADEMIES} academies, ${COURSES} courses`);
    say(`load before: ${execFileSync('uptime').toString().trim()}`);

    // First start migrates; the agencies, academies and courses are created through the API,
    // then the service stops so that the baseline can be cloned from this database before any import.
    service = await startService(databaseUrl);
    let token = await login();
    for (let i = 0; i < AGENCIES; i++) await post(token, '/organizations', { type: 'agency', name: `Agency ${i}`, code: agencyCode(i) });
    for (let i = 0; i < ACADEMIES; i++) await post(token, '/organizations', { type: 'academy', name: `Academy ${i}`, code: academyCode(i) });
    for (let i = 0; i < COURSES; i++) await post(token, '/courses', { code: courseCode(i), title: `Course ${i}`, kind: 'in_service', hours: 8 });
    await service.stop();
    await admin.query(`CREATE DATABASE ${copyDb} TEMPLATE ${apiDb}`);

    service = await startService(databaseUrl);
    token = await login();
    const rates: Partial<Record<Kind, number>> = {};
    const loadStarted = process.hrtime.bigint();
    for (const kind of KINDS) {
      const started = process.hrtime.bigint();
      const counts = { accepted: 0, unchanged: 0, rejected: 0, flagged: 0 };
      let waiting = 0;
      let processing = 0;
      for (let from = 0; from < N[kind]; from += FILE_ROWS) {
        const result = await importFile(token, kind, csvLines(kind, from, Math.min(N[kind], from + FILE_ROWS)), service);
        for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] += result[key];
        const at = (iso: string | null) => (iso ? Date.parse(iso) : NaN);
        waiting += (at(result.startedAt) - at(result.createdAt)) / 1000;
        processing += (at(result.finishedAt) - at(result.startedAt)) / 1000;
        if (result.status !== 'succeeded') throw new Error(`${kind} import ${result.status}: ${JSON.stringify(result)}`);
        if (result.rejected > 0) say(`  ${kind}: first rejection ${JSON.stringify(await firstRejection(token, result.id))}`);
      }
      const s = seconds(started);
      rates[kind] = N[kind] / s;
      say(
        `API  ${kind.padEnd(15)} ${String(N[kind]).padStart(8)} rows ${s.toFixed(1).padStart(7)} s ${rates[kind].toFixed(0).padStart(7)} rows/s  accepted ${counts.accepted} rejected ${counts.rejected} flagged ${counts.flagged}; upload + pick-up ${waiting.toFixed(1)} s, chunks ${processing.toFixed(1)} s`,
      );
    }
    const wall = seconds(loadStarted);
    const rss = service.peakRss();
    say(`load during: ${execFileSync('uptime').toString().trim()}`);
    await service.stop();
    service = undefined;

    // The baseline: the same rows into the same tables of the clone, one COPY transaction per kind.
    const copy = new Client({ connectionString: `${SERVER}/${copyDb}` });
    await copy.connect();
    const refs: Refs = {
      officerIds: Array.from({ length: N.officers }, () => randomUUID()),
      agencies: await codes(copy, `SELECT code, id FROM organization WHERE type = 'agency'`),
      academies: await codes(copy, `SELECT code, id FROM organization WHERE type = 'academy'`),
      courses: await codes(copy, `SELECT code, id FROM course`),
      importId: (
        await copy.query<{ id: string }>(
          `INSERT INTO data_import (kind, dry_run, format, status, actor_kind) VALUES ('final_actions', false, 'csv', 'succeeded', 'bench') RETURNING id`,
        )
      ).rows[0].id,
    };
    const copyRates: Partial<Record<Kind, number>> = {};
    let copyWall = 0;
    try {
      for (const kind of KINDS) {
        const started = process.hrtime.bigint();
        await copy.query('BEGIN');
        for (const step of copyPlan(kind, refs)) {
          await pipeline(Readable.from(step.lines()), copy.query(copyFrom(`COPY ${step.table} (${step.columns}) FROM STDIN`)));
        }
        await copy.query('COMMIT');
        const s = seconds(started);
        copyWall += s;
        copyRates[kind] = N[kind] / s;
        say(`COPY ${kind.padEnd(15)} ${String(N[kind]).padStart(8)} rows ${s.toFixed(1).padStart(7)} s ${copyRates[kind].toFixed(0).padStart(7)} rows/s`);
      }
    } finally {
      await copy.end();
    }

    say('');
    say(`kind             API rows/s  COPY rows/s  ratio  target`);
    for (const kind of KINDS) {
      const ratio = rates[kind]! / copyRates[kind]!;
      say(
        `${kind.padEnd(16)} ${rates[kind]!.toFixed(0).padStart(10)} ${copyRates[kind]!.toFixed(0).padStart(12)} ${ratio.toFixed(2).padStart(6)}  >= ${TARGET[kind]}x ${ratio >= TARGET[kind] ? 'met' : 'NOT met'}`,
      );
    }
    const projected = KINDS.length === ALL_KINDS.length ? wall / SCALE : NaN;
    say(
      `whole load through the API: ${wall.toFixed(1)} s (COPY ${copyWall.toFixed(1)} s); at scale 1 about ${(projected / 60).toFixed(1)} min if linear (target < 15 min ${projected < 900 ? 'met' : 'NOT met'})`,
    );
    say(`service peak RSS (VmHWM): ${(rss / 1024).toFixed(0)} MiB (target < 500 MiB ${rss < 500 * 1024 ? 'met' : 'NOT met'})`);
    say(`load after: ${execFileSync('uptime').toString().trim()}`);
  } finally {
    await service?.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${apiDb} WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS ${copyDb} WITH (FORCE)`);
    await admin.end();
  }
}

interface Service {
  child: ChildProcess;
  /** kB, the highest of VmHWM read at the end and VmRSS sampled every 250 ms. */
  peakRss: () => number;
  stop: () => Promise<void>;
}

async function startService(databaseUrl: string): Promise<Service> {
  // SERVICE_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (not allowed in NODE_OPTIONS): the service's own flags.
  const nodeArgs = (process.env.SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(PORT),
      LOG_LEVEL: 'warn',
      POST_BOOTSTRAP_ADMIN_EMAIL: BENCH_ADMIN_EMAIL,
      POST_BOOTSTRAP_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
      RATE_LIMIT_PER_MINUTE: '1000000',
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
      MFA_REQUIRED_ROLES: '',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let peak = 0;
  const status = (field: string) => {
    try {
      const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return match ? Number(match[1]) : 0;
    } catch {
      return 0;
    }
  };
  const sampler = setInterval(() => (peak = Math.max(peak, status('VmRSS'))), 250);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode} before it was healthy`);
    const healthy = await fetch(`http://127.0.0.1:${PORT}/health`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (healthy) break;
    await sleep(100);
  }
  let stopped = false;
  return {
    child,
    peakRss: () => Math.max(peak, status('VmHWM')),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      clearInterval(sampler);
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const base = () => `http://127.0.0.1:${PORT}/api/v1`;

async function login(): Promise<string> {
  const response = await fetch(`${base()}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: BENCH_ADMIN_EMAIL, password: BENCH_ADMIN_PASSWORD }),
  });
  if (!response.ok) throw new Error(`login: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function post(token: string, path: string, body: unknown): Promise<unknown> {
  const response = await fetch(`${base()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

interface ImportStatus {
  id: string;
  status: string;
  processed: number;
  accepted: number;
  unchanged: number;
  rejected: number;
  flagged: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Streams one CSV file to POST /imports, then polls GET /imports/:id until it ends. */
async function importFile(token: string, kind: Kind, lines: Iterable<string>, service: Service): Promise<ImportStatus> {
  const created = await new Promise<ImportStatus>((resolve, reject) => {
    const request = httpRequest(`${base()}/imports?kind=${kind}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
    });
    request.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () =>
        response.statusCode === 202 ? resolve(JSON.parse(text) as ImportStatus) : reject(new Error(`POST /imports: ${response.statusCode} ${text}`)),
      );
    });
    request.on('error', reject);
    pipeline(Readable.from(lines), request).catch(reject);
  });
  for (;;) {
    if (service.child.exitCode !== null) throw new Error(`the service exited with ${service.child.exitCode}`);
    const response = await fetch(`${base()}/imports/${created.id}`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as ImportStatus;
    if (body.status === 'succeeded' || body.status === 'failed') return body;
    await sleep(250);
  }
}

async function firstRejection(token: string, id: string): Promise<unknown> {
  const response = await fetch(`${base()}/imports/${id}/rejections?limit=1`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as { items: unknown[] }).items[0];
}

async function codes(client: Client, sql: string): Promise<Map<string, string>> {
  const { rows } = await client.query<{ code: string; id: string }>(sql);
  return new Map(rows.map((r) => [r.code, r.id]));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e9;
const say = (line: string) => process.stdout.write(`${line}\n`);

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
