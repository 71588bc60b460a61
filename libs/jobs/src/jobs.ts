import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { loggableError, ownerUrl } from '@app/database';
import type { DatabaseSettings } from '@app/database';
import { Pool } from 'pg';
import PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';
import type { JobContext, JobHandler, JobQueue, SendOptions, WorkOptions } from './job-queue';
import { JOBS_POOL_SIZE, jobsConnectionOptions, pgBossOptions } from './jobs-settings';
import type { JobsSettings } from './jobs-settings';
import { transactionExecutor } from './transaction-executor';

export const JOBS_SETTINGS = Symbol('JOBS_SETTINGS');
export const JOBS_DATABASE = Symbol('JOBS_DATABASE');

/** How long a stopping process waits for running handlers before pg-boss fails them back to the queue (retried). */
const STOP_TIMEOUT_MS = 20_000;

type AnyQueue = JobQueue<object>;

/**
 * Durable jobs on the service's PostgreSQL (pg-boss): a job survives a restart, and however many
 * processes run, each job runs in one of them (pg-boss fetches with FOR UPDATE SKIP LOCKED) and
 * each schedule fires once a slot. Contexts declare queues (`defineQueue`), send to them (inside
 * their own transaction with `sendInTransaction`: the job exists only if the change commits) and
 * register handlers and schedules (`work`, `schedule`) from a provider's `onModuleInit`; the
 * handlers run where JOBS_WORKER is `inline` (the API by default, or apps/worker).
 */
@Injectable()
export class Jobs implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(Jobs.name);
  private readonly pool: Pool;
  private readonly boss: PgBoss;
  private readonly handlers: { queue: AnyQueue; handler: JobHandler<object>; options: WorkOptions }[] = [];
  private readonly schedules: { queue: AnyQueue; cron: string; timeZone: string }[] = [];
  private readonly readyQueues = new Map<string, Promise<void>>();
  private started = false;
  /** pg-boss's worker ids by queue, for `wake`. */
  private readonly workerIds = new Map<string, string[]>();

  constructor(
    @Inject(JOBS_SETTINGS) private readonly settings: JobsSettings,
    @Inject(JOBS_DATABASE) database: DatabaseSettings,
  ) {
    this.pool = new Pool({
      connectionString: ownerUrl(database),
      max: JOBS_POOL_SIZE,
      connectionTimeoutMillis: database.connectTimeoutMs,
      options: jobsConnectionOptions(database),
      application_name: 'post-registry-jobs',
    });
    // A connection the server ends while idle: the next query reconnects; never an unhandled 'error'.
    this.pool.on('error', (error) => this.logger.warn({ err: loggableError(error) }, 'jobs connection lost'));
    this.boss = new PgBoss({ ...pgBossOptions(settings), db: { executeSql: (text, values) => this.pool.query(text, values) } });
    this.boss.on('error', (error) => this.logger.error({ err: loggableError(error) }, 'jobs: pg-boss error'));
  }

  get runsHandlers(): boolean {
    return this.settings.worker === 'inline';
  }

  /** Runs `handler` for each job of `queue` in this process when JOBS_WORKER=inline (else only records it). */
  async work<Data extends object>(queue: JobQueue<Data>, handler: JobHandler<Data>, options: WorkOptions = {}): Promise<void> {
    const entry = { queue, handler: handler as JobHandler<object>, options };
    this.handlers.push(entry);
    if (this.started) await this.startHandler(entry);
  }

  /**
   * Sends a job to `queue` on `cron` (5 fields, in `timeZone`, UTC by default), once per slot
   * across every process; only processes that run handlers keep the clock.
   */
  async schedule(queue: JobQueue<Record<string, never>>, cron: string, options: { timeZone?: string } = {}): Promise<void> {
    const entry = { queue, cron, timeZone: options.timeZone ?? 'UTC' };
    this.schedules.push(entry);
    if (this.started) await this.startSchedule(entry);
  }

  /** Sends a job now, on the jobs' own connection. Returns its id (null: a singletonKey's job already waits). */
  async send<Data extends object>(queue: JobQueue<Data>, data: Data, options: SendOptions = {}): Promise<string | null> {
    await this.ensureQueue(queue);
    return this.boss.send(queue.name, data, toPgBossSendOptions(options));
  }

  /**
   * Sends a job inside the caller's transaction (`manager` of `dataSource.transaction(...)`): the job
   * is visible to workers only when that transaction commits, and vanishes with it on a rollback
   * (the outbox's guarantee, DESIGN.md rule 4). The insert runs as the requests' role.
   */
  async sendInTransaction<Data extends object>(manager: EntityManager, queue: JobQueue<Data>, data: Data, options: SendOptions = {}): Promise<string | null> {
    const db = transactionExecutor(manager);
    // Creating a queue is DDL on the jobs' connection, committed before the caller's insert needs it.
    await this.ensureQueue(queue);
    return this.boss.send(queue.name, data, { ...toPgBossSendOptions(options), db });
  }

  /**
   * Many jobs of one queue inside the caller's transaction in one statement (pg-boss `insert`),
   * as `sendInTransaction` sends one: visible when the transaction commits, gone on a rollback.
   * A job whose singletonKey already waits is skipped, as `send` skips it.
   */
  async sendManyInTransaction<Data extends object>(
    manager: EntityManager,
    queue: JobQueue<Data>,
    jobs: readonly { data: Data; options?: SendOptions }[],
  ): Promise<void> {
    if (jobs.length === 0) return;
    const db = transactionExecutor(manager);
    await this.ensureQueue(queue);
    await this.boss.insert(
      jobs.map((job) => {
        const { startAfter, ...options } = toPgBossSendOptions(job.options ?? {});
        // insert reads a number of seconds as an interval's text.
        return {
          name: queue.name,
          data: job.data,
          ...options,
          ...(startAfter === undefined ? {} : { startAfter: typeof startAfter === 'number' ? `${startAfter} seconds` : startAfter }),
        };
      }),
      { db },
    );
  }

  /**
   * After a commit that queued a job of `queue`: this process's workers of that queue (if it runs
   * them) fetch now instead of at their next poll (JOBS_POLL_INTERVAL_MS). Other processes still poll.
   */
  wake(queue: AnyQueue): void {
    for (const workerId of this.workerIds.get(queue.name) ?? []) this.boss.notifyWorker(workerId);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.boss.start();
    this.started = true;
    try {
      for (const entry of this.schedules) await this.startSchedule(entry);
      for (const entry of this.handlers) await this.startHandler(entry);
    } catch (error) {
      // A failed start-up never leaves pg-boss's timers and connections behind.
      await this.beforeApplicationShutdown();
      throw error;
    }
    this.logger.log({ worker: this.settings.worker, queues: this.handlers.map((entry) => entry.queue.name) }, 'jobs started');
  }

  /**
   * Before the application's pool closes (TypeORM closes it in onApplicationShutdown): stop
   * fetching, let running handlers finish (up to STOP_TIMEOUT_MS; the rest go back to the queue).
   */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.started) {
      this.started = false;
      await this.boss.stop({ graceful: true, wait: true, timeout: STOP_TIMEOUT_MS, close: false }).catch((error: unknown) => {
        this.logger.error({ err: loggableError(error) }, 'jobs: stop failed');
      });
    }
    await this.pool.end().catch(() => undefined);
  }

  private ensureQueue(queue: AnyQueue): Promise<void> {
    let ready = this.readyQueues.get(queue.name);
    if (!ready) {
      const options = toPgBossQueueOptions(queue);
      ready = this.boss
        .createQueue(queue.name, options)
        .then(() => this.boss.updateQueue(queue.name, options))
        .catch((error: unknown) => {
          this.readyQueues.delete(queue.name);
          throw error;
        });
      this.readyQueues.set(queue.name, ready);
    }
    return ready;
  }

  private async startSchedule(entry: { queue: AnyQueue; cron: string; timeZone: string }): Promise<void> {
    await this.ensureQueue(entry.queue);
    if (this.runsHandlers) await this.boss.schedule(entry.queue.name, entry.cron, {}, { tz: entry.timeZone });
  }

  private async startHandler(entry: { queue: AnyQueue; handler: JobHandler<object>; options: WorkOptions }): Promise<void> {
    await this.ensureQueue(entry.queue);
    if (!this.runsHandlers) return;
    const run = async (jobs: PgBoss.JobWithMetadata<object>[]) => {
      for (const job of jobs) await this.runJob(entry, job);
    };
    for (let loop = 0; loop < Math.max(1, entry.options.concurrency ?? 1); loop++) {
      const workerId = await this.boss.work(entry.queue.name, { batchSize: 1, includeMetadata: true }, run);
      this.workerIds.set(entry.queue.name, [...(this.workerIds.get(entry.queue.name) ?? []), workerId]);
    }
  }

  private async runJob(entry: { queue: AnyQueue; handler: JobHandler<object> }, job: PgBoss.JobWithMetadata<object>): Promise<void> {
    const context: JobContext = { id: job.id, queue: entry.queue.name, lastAttempt: job.retryCount >= job.retryLimit };
    try {
      await entry.handler(job.data, context);
    } catch (error) {
      this.logger.error({ queue: entry.queue.name, jobId: job.id, err: loggableError(error) }, 'job failed');
      // pg-boss keeps the thrown error in pgboss.job.output: only its loggable part (no bound parameter, no row detail).
      const { name, code, constraint } = loggableError(error);
      const summary = [name, code, constraint].filter((part): part is string => typeof part === 'string').join(' ');
      // eslint-disable-next-line preserve-caught-error -- the cause is what must not be stored (pg-boss serialises it whole)
      throw new Error(summary);
    }
  }
}

/** pg-boss validates an option by its key's presence (`'retryBackoff' in options`): no undefined values. */
function defined<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as T;
}

function toPgBossSendOptions(options: SendOptions): PgBoss.SendOptions {
  return defined({
    id: options.id,
    priority: options.priority,
    singletonKey: options.singletonKey,
    startAfter: options.startAfter instanceof Date ? options.startAfter.toISOString() : options.startAfter,
  });
}

function toPgBossQueueOptions(queue: AnyQueue): PgBoss.Queue {
  const { retryLimit, retryDelaySeconds, retryBackoff, expireInSeconds, retentionMinutes } = queue.options;
  return defined({ name: queue.name, retryLimit, retryDelay: retryDelaySeconds, retryBackoff, expireInSeconds, retentionMinutes });
}
