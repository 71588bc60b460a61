import type { PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';

/**
 * IMPORT_PROFILE=1 (bench:onboard, issue 18): where a chunk's time goes, printed to stderr at
 * each import's end. Two views that overlap on purpose:
 * - `sql: …` every statement the chunk's connection runs, timed at the pg client, so the
 *   statements that bypass TypeORM (copyRows' COPY, the audit's prepared INSERT) count too.
 *   A COPY's time includes building its text (the generator runs while the stream flows).
 * - `phase: …` / `js: …` the service's and processors' steps, JS work included.
 * Off (the default), every function here is a no-op but for one boolean test.
 */
export const PROFILE = process.env.IMPORT_PROFILE === '1';

const times = new Map<string, { ms: number; calls: number }>();

export function addTime(key: string, started: bigint): void {
  const entry = times.get(key) ?? { ms: 0, calls: 0 };
  entry.ms += Number(process.hrtime.bigint() - started) / 1e6;
  entry.calls += 1;
  times.set(key, entry);
}

/** Times `work` under `key` when profiling; otherwise just runs it. */
export async function timed<T>(key: string, work: () => Promise<T>): Promise<T> {
  if (!PROFILE) return work();
  const started = process.hrtime.bigint();
  try {
    return await work();
  } finally {
    addTime(key, started);
  }
}

export function timedSync<T>(key: string, work: () => T): T {
  if (!PROFILE) return work();
  const started = process.hrtime.bigint();
  try {
    return work();
  } finally {
    addTime(key, started);
  }
}

const WRAPPED = Symbol('importProfileWrapped');
const IN_CHUNK = Symbol('importProfileInChunk');
type ProfiledClient = PoolClient & { [WRAPPED]?: true; [IN_CHUNK]?: boolean };

/**
 * Wraps the pg client under the transaction's runner (once per pooled connection) to time every
 * statement it runs while a chunk holds it: the pool lends the same connection to other work
 * later (outbox, webhooks), whose statements are not the import's. Returns the function that
 * ends the chunk's counting (call it once the transaction has ended).
 */
export async function profileQueries(manager: EntityManager): Promise<() => void> {
  const client = (await manager.queryRunner!.connect()) as ProfiledClient;
  client[IN_CHUNK] = true;
  const stop = () => {
    client[IN_CHUNK] = false;
  };
  if (client[WRAPPED]) return stop;
  client[WRAPPED] = true;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    if (!client[IN_CHUNK]) return query(...args);
    const started = process.hrtime.bigint();
    const first = args[0] as string | { text?: string; name?: string };
    const text = typeof first === 'string' ? first : (first.text ?? (first as { name?: string }).name ?? 'COPY stream');
    const key = `sql: ${String(text).replace(/\s+/g, ' ').trim().slice(0, 110)}`;
    const result = query(...args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(
        () => addTime(key, started),
        () => addTime(key, started),
      );
    } else if (result && typeof (result as NodeJS.EventEmitter).once === 'function') {
      // pg-copy-streams: the COPY ends when its stream finishes.
      const stream = result as NodeJS.EventEmitter;
      let done = false;
      const end = () => {
        if (!done) addTime(key, started);
        done = true;
      };
      stream.once('finish', end);
      stream.once('error', end);
    }
    return result;
  };
  return stop;
}

export function printProfile(kind: string): void {
  if (!PROFILE) return;
  const sorted = [...times].sort((a, b) => b[1].ms - a[1].ms).slice(0, 40);
  process.stderr.write(
    `IMPORT_PROFILE ${kind}\n${sorted.map(([k, v]) => `${v.ms.toFixed(0).padStart(8)} ms ${String(v.calls).padStart(5)}x ${k}`).join('\n')}\n`,
  );
  times.clear();
}
