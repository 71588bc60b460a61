import type { DatabaseSettings } from '@app/database';
import type PgBoss from 'pg-boss';

/** JOBS_WORKER and the polling intervals (docs/operations.md "Durable jobs"). */
export interface JobsSettings {
  /**
   * `inline`: this process runs the handlers and the schedules (the API's default: zero
   * set-up). `off`: it only sends jobs; an `apps/worker` process runs them.
   */
  worker: 'inline' | 'off';
  /** How often an idle worker asks for a queue's next job. */
  pollIntervalMs: number;
  /** How often the schedules are checked (pg-boss allows 1-45 s). */
  cronIntervalSeconds: number;
}

/** The schema pg-boss keeps its tables in (created by migration 1765000000400). */
export const JOBS_SCHEMA = 'pgboss';

/** pg-boss's connections: few, and their own (the queue's polling never waits behind requests). */
export const JOBS_POOL_SIZE = 4;

/**
 * pg-boss's constructor options. Its pool logs in as the schema owner (creating a queue creates
 * a table: a partition of pgboss.job); job handlers still query through the application's pool,
 * as the restricted role. `migrate`: pg-boss upgrades its own schema when a newer version starts.
 */
export function pgBossOptions(settings: JobsSettings): Omit<PgBoss.ConstructorOptions, 'db'> {
  const inline = settings.worker === 'inline';
  return {
    schema: JOBS_SCHEMA,
    migrate: true,
    // Maintenance (expiring stuck jobs, archiving) and the clock run where the handlers run.
    supervise: inline,
    schedule: inline,
    pollingIntervalSeconds: settings.pollIntervalMs / 1000,
    cronMonitorIntervalSeconds: settings.cronIntervalSeconds,
    cronWorkerIntervalSeconds: settings.cronIntervalSeconds,
  };
}

/** libpq options of pg-boss's connections: bounded like every connection (DESIGN.md rule 11), in UTC. */
export function jobsConnectionOptions(database: DatabaseSettings): string {
  // Maintenance archives and deletes finished jobs in bulk: a minute, not the requests' 5 s.
  const statementTimeoutMs = Math.max(database.statementTimeoutMs, 60_000);
  return [
    `-c statement_timeout=${statementTimeoutMs}`,
    `-c idle_in_transaction_session_timeout=${database.idleInTransactionTimeoutMs}`,
    '-c TimeZone=UTC',
  ].join(' ');
}
