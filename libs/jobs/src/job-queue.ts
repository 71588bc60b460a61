/**
 * A queue as the code names it: its name in pg-boss, the shape of its jobs' data (a type the
 * compiler checks at every `send` and `work`), and its retry and expiry policy.
 */
export interface JobQueue<Data extends object> {
  readonly name: string;
  readonly options: QueueOptions;
  /** Never set: carries `Data` for the compiler. */
  readonly __data?: Data;
}

export interface QueueOptions {
  /** Attempts after the first failure (pg-boss's default: 2). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Doubles the delay at every retry (with jitter). */
  retryBackoff?: boolean;
  /** An active job not finished by then counts as failed and is retried (pg-boss's default: 15 minutes). */
  expireInSeconds?: number;
  /** How long finished jobs stay in pgboss.job (then pgboss.archive). */
  retentionMinutes?: number;
}

const QUEUE_NAME = /^[a-z][a-z0-9]*([.-][a-z0-9]+)*$/;

/** Declares a queue: `defineQueue<{ importId: string }>('imports.process', { retryLimit: 5 })`. */
export function defineQueue<Data extends object>(name: string, options: QueueOptions = {}): JobQueue<Data> {
  if (!QUEUE_NAME.test(name) || name.length > 50) throw new Error(`Invalid queue name ${JSON.stringify(name)}: lower-case words joined by '.' or '-'`);
  return { name, options };
}

/** What a handler learns of its job besides the data. */
export interface JobContext {
  id: string;
  queue: string;
  /** True on the job's last attempt: the queue retries it no more if it throws. */
  lastAttempt: boolean;
}

export type JobHandler<Data extends object> = (data: Data, job: JobContext) => Promise<void>;

export interface WorkOptions {
  /** Jobs of this queue this process runs at once (one polling loop each; default 1). */
  concurrency?: number;
}

export interface SendOptions {
  /** Not before this instant (or this many seconds from now). */
  startAfter?: Date | number;
  /** At most one job with this key waits in the queue at a time (a second send returns null). */
  singletonKey?: string;
  /** The job's id (a UUID), e.g. to make a retried send idempotent. */
  id?: string;
  priority?: number;
}
