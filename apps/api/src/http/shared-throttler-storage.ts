import { Logger, OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { loggableError, preparedQuery } from '@app/database';
import type { DataSource } from 'typeorm';
import { CounterState, FixedWindowCounter, ThrottlerStorageRecord } from './fixed-window-counter';

/**
 * Rate-limit counters shared by every API process through PostgreSQL (issue 17: three processes
 * behind a balancer must not give a client three budgets). A window's count lives in
 * `rate_limit_counter`, timed by the database's clock so that processes agree.
 *
 * Two ways to reach it, chosen by the size of the budget:
 * - a small budget (the login's 10 a minute: brute force) is counted in PostgreSQL on every hit,
 *   one statement, so the budget is exact across processes;
 * - a large one (1,200 a minute, the public portal's 120) is counted in PostgreSQL on a client's
 *   first hit in a window (which reads the shared count), then here, and flushed with the other
 *   clients' counts in one statement a second, which reads back the shared totals. A client can
 *   pass its budget by what the other processes counted since their last flush (a second), no
 *   more; its other requests pay no round trip (on this 2-core machine a round trip is a quarter
 *   to a half of a request's CPU: docs/performance.md).
 */
export const EXACT_BUDGET_MAX = 60;
export const FLUSH_INTERVAL_MS = 1_000;
const PRUNE_EVERY_FLUSHES = 60;

/**
 * Adds hits to each client's window, in one statement for any number of clients: a window that
 * has ended restarts; a block in force refuses the hits uncounted; passing the budget starts a
 * block of `block_ms` (0: until the window ends). SET expressions read the row as it was.
 */
const ADD_HITS = `
  INSERT INTO rate_limit_counter AS c (client_key, hits, hit_limit, block_ms, window_ends_at, blocked_until)
  SELECT k, n, lim, block, now() + ttl * interval '1 millisecond',
         CASE WHEN n <= lim THEN NULL ELSE now() + (CASE WHEN block > 0 THEN block ELSE ttl END) * interval '1 millisecond' END
    FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::int[]) AS t(k, n, ttl, lim, block)
  ON CONFLICT (client_key) DO UPDATE SET
    hits = CASE WHEN c.blocked_until > now() THEN c.hits WHEN c.window_ends_at <= now() THEN excluded.hits ELSE c.hits + excluded.hits END,
    window_ends_at = CASE WHEN c.blocked_until > now() OR c.window_ends_at > now() THEN c.window_ends_at ELSE excluded.window_ends_at END,
    hit_limit = excluded.hit_limit,
    block_ms = excluded.block_ms,
    blocked_until = CASE
      WHEN c.blocked_until > now() THEN c.blocked_until
      WHEN (CASE WHEN c.window_ends_at <= now() THEN 0 ELSE c.hits END) + excluded.hits <= excluded.hit_limit THEN NULL
      WHEN excluded.block_ms > 0 THEN now() + excluded.block_ms * interval '1 millisecond'
      WHEN c.window_ends_at <= now() THEN excluded.window_ends_at
      ELSE c.window_ends_at END
  RETURNING client_key, hits,
    greatest(0, ceil(extract(epoch FROM window_ends_at - now()) * 1000))::int AS window_left_ms,
    greatest(0, ceil(extract(epoch FROM coalesce(blocked_until, now()) - now()) * 1000))::int AS block_left_ms`;

const PRUNE = `DELETE FROM rate_limit_counter WHERE window_ends_at < now() AND (blocked_until IS NULL OR blocked_until < now())`;

interface Totals {
  client_key: string;
  hits: number;
  window_left_ms: number;
  block_left_ms: number;
}

interface Pending {
  hits: number;
  ttl: number;
  limit: number;
  block: number;
}

export class SharedThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger(SharedThrottlerStorage.name);
  private readonly local = new FixedWindowCounter();
  private readonly pending = new Map<string, Pending>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> | undefined;
  private flushes = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => void this.flush(), FLUSH_INTERVAL_MS);
    this.timer.unref();
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const id = `${throttlerName}:${key}`;
    const hit: Pending = { hits: 1, ttl, limit, block: blockDuration };
    if (limit <= EXACT_BUDGET_MAX || !this.local.isCurrent(id, this.now())) {
      const [totals] = await this.addHits([[id, hit]]);
      if (limit > EXACT_BUDGET_MAX) this.local.adopt(id, stateOf(totals, this.now(), 0));
      return recordOf(totals);
    }
    const { counted, ...record } = this.local.increment(id, ttl, limit, blockDuration, this.now());
    if (counted) this.addPending(id, hit);
    return record;
  }

  /** Sends the hits counted since the last flush and takes back the shared totals. */
  flush(): Promise<void> {
    this.flushing ??= this.sendPending().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  private async sendPending(): Promise<void> {
    if (this.pending.size > 0) {
      const batch = [...this.pending];
      this.pending.clear();
      try {
        const shared = await this.addHits(batch);
        const now = this.now();
        // Hits counted while the statement ran are not in its totals yet: they stay on top.
        for (const totals of shared) this.local.adopt(totals.client_key, stateOf(totals, now, this.pending.get(totals.client_key)?.hits ?? 0));
      } catch (error) {
        // The database unreachable: the counts wait for the next flush; meanwhile each process limits on its own.
        for (const [id, hits] of batch) this.addPending(id, hits);
        this.logger.warn({ err: loggableError(error) }, 'rate-limit counters not shared this second');
        return;
      }
    }
    if (++this.flushes % PRUNE_EVERY_FLUSHES === 0) {
      this.local.evictExpired(this.now());
      await this.dataSource.query(PRUNE).catch(() => undefined);
    }
  }

  private addPending(id: string, hits: Pending): void {
    const waiting = this.pending.get(id);
    if (waiting) waiting.hits += hits.hits;
    else this.pending.set(id, { ...hits });
  }

  private addHits(batch: [string, Pending][]): Promise<Totals[]> {
    return preparedQuery<Totals>(this.dataSource.manager, 'rate_limit_add_hits', ADD_HITS, [
      batch.map(([id]) => id),
      batch.map(([, p]) => p.hits),
      batch.map(([, p]) => p.ttl),
      batch.map(([, p]) => p.limit),
      batch.map(([, p]) => p.block),
    ]);
  }
}

function stateOf(totals: Totals, now: number, unsent: number): CounterState {
  return { hits: totals.hits + unsent, expiresAt: now + totals.window_left_ms, blockedUntil: now + totals.block_left_ms };
}

function recordOf(totals: Totals): ThrottlerStorageRecord {
  return {
    totalHits: totals.hits,
    timeToExpire: Math.ceil(totals.window_left_ms / 1000),
    isBlocked: totals.block_left_ms > 0,
    timeToBlockExpire: Math.ceil(totals.block_left_ms / 1000),
  };
}
