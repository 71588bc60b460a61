import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { loggableError } from '@app/database';
import { AuditService } from './audit.service';

/** How often pending refusals are chained: the published head is at most about this far behind them. */
export const AUDIT_FOLD_INTERVAL_MS = 1_000;

/**
 * Every second, chains the refusals recorded in `audit_pending` (issue 17): one transaction per
 * 1,000, under the chain's lock, instead of one lock per refusal. Registered by the app that
 * serves requests (ApiModule). Every process may run it: the folder's try-lock lets one fold and
 * the others skip that tick, never queue. A missed tick loses nothing (the rows wait, committed),
 * and readers of the log fold first anyway. A plain timer, not a pg-boss schedule: pg-boss
 * schedules are per minute, and a second's worth of refusals is the batch this is sized for.
 */
@Injectable()
export class AuditFoldingJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditFoldingJob.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly audit: AuditService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.run(), AUDIT_FOLD_INTERVAL_MS);
    this.timer.unref();
  }

  /** Stops the timer and waits for a fold under way (it commits or rolls back whole). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  onApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  run(): Promise<void> {
    // A fold longer than the interval (a backlog of many batches) is not run twice by one process.
    this.running ??= this.fold().finally(() => (this.running = undefined));
    return this.running;
  }

  private async fold(): Promise<void> {
    try {
      const folded = await this.audit.foldPending({ waitForOtherFolder: false });
      if (folded >= 10_000) this.logger.log({ folded }, 'pending refusals chained');
    } catch (error) {
      // Nothing is lost: the transaction rolled back and the rows wait for the next tick.
      this.logger.warn({ error: loggableError(error) }, 'chaining pending refusals failed; retried next tick');
    }
  }
}
