import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit counters shared by every API process (issue 17: three processes behind a balancer
 * gave a client three login budgets). UNLOGGED: a counter is worth nothing after a crash, and
 * skipping the write-ahead log keeps a hit cheap. One row per (throttler, route, client).
 */
export class RateLimitCounters1764000000800 implements MigrationInterface {
  name = 'RateLimitCounters1764000000800';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE UNLOGGED TABLE rate_limit_counter (
        client_key text PRIMARY KEY,
        hits integer NOT NULL CHECK (hits >= 0),
        hit_limit integer NOT NULL CHECK (hit_limit >= 0),
        block_ms integer NOT NULL CHECK (block_ms >= 0),
        window_ends_at timestamptz NOT NULL,
        blocked_until timestamptz
      )`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit_counter TO post_registry_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE rate_limit_counter`);
  }
}
