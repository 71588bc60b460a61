import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@app/core';
import { IDEMPOTENCY_KEY_RETENTION_HOURS, pruneIdempotencyKeys } from '@app/database';
import { DataSource } from 'typeorm';
import { defineQueue } from './job-queue';
import { Jobs } from './jobs';

export const IDEMPOTENCY_KEY_PRUNING_QUEUE = defineQueue<Record<string, never>>('idempotency-key-pruning', { retryLimit: 3, retryDelaySeconds: 60 });

/** Daily at 00:35 UTC. */
export const IDEMPOTENCY_KEY_PRUNING_CRON = '35 0 * * *';

/**
 * Deletes the Idempotency-Key rows older than their retention, so the table holds a week of
 * keys instead of every key ever sent. Once a day across all processes (a pg-boss schedule);
 * running it twice would be harmless anyway. The idempotency table's owner (@app/database)
 * does the deleting; this only decides when.
 */
@Injectable()
export class IdempotencyKeyPruningJob implements OnModuleInit {
  private readonly logger = new Logger(IdempotencyKeyPruningJob.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly jobs: Jobs,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.work(IDEMPOTENCY_KEY_PRUNING_QUEUE, () => this.run().then(() => undefined));
    await this.jobs.schedule(IDEMPOTENCY_KEY_PRUNING_QUEUE, IDEMPOTENCY_KEY_PRUNING_CRON);
  }

  async run(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - IDEMPOTENCY_KEY_RETENTION_HOURS * 3_600_000);
    const pruned = await pruneIdempotencyKeys(this.dataSource.manager, cutoff);
    this.logger.log({ cutoff: cutoff.toISOString(), pruned }, 'idempotency keys pruned');
    return pruned;
  }
}
