import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@app/core';
import { DataSource } from 'typeorm';
import { IDEMPOTENCY_KEY_RETENTION_HOURS, pruneIdempotencyKeys } from './idempotency';

/**
 * Daily: deletes the Idempotency-Key rows older than their retention, so the table holds a
 * week of keys instead of every key ever sent. Registered by the app that runs timed work,
 * like the certification settlement; running it twice is harmless.
 */
@Injectable()
export class IdempotencyKeyPruningJob {
  private readonly logger = new Logger(IdempotencyKeyPruningJob.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  @Cron('35 0 * * *', { name: 'idempotency-key-pruning', timeZone: 'UTC' })
  async run(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - IDEMPOTENCY_KEY_RETENTION_HOURS * 3_600_000);
    const pruned = await pruneIdempotencyKeys(this.dataSource.manager, cutoff);
    this.logger.log({ cutoff: cutoff.toISOString(), pruned }, 'idempotency keys pruned');
    return pruned;
  }
}
