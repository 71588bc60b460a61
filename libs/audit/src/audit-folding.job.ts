import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { loggableError } from '@app/database';
import { AuditService } from './audit.service';

/** How often pending refusals are chained: the published head is at most about this far behind them. */
export const AUDIT_FOLD_INTERVAL_MS = 1_000;

/**
 * Every second, chains the refusals recorded in `audit_pending` (issue 17): one transaction per
 * 1,000, under the chain's lock, instead of one lock per refusal. Registered by the app that
 * runs timed work (the api process), like the certification settlement. Every process may run
 * it: the folder's try-lock lets one fold and the others skip that tick, never queue. A missed
 * tick loses nothing (the rows wait, committed), and readers of the log fold first anyway.
 * A pg-boss job would replace this timer when `libs/jobs` lands: the same `foldPending` call.
 */
@Injectable()
export class AuditFoldingJob {
  private readonly logger = new Logger(AuditFoldingJob.name);
  private running = false;

  constructor(private readonly audit: AuditService) {}

  @Interval('audit-refusal-folding', AUDIT_FOLD_INTERVAL_MS)
  async run(): Promise<void> {
    // A fold longer than the interval (a backlog of many batches) is not run twice by one process.
    if (this.running) return;
    this.running = true;
    try {
      const folded = await this.audit.foldPending({ waitForOtherFolder: false });
      if (folded >= 10_000) this.logger.log({ folded }, 'pending refusals chained');
    } catch (error) {
      // Nothing is lost: the transaction rolled back and the rows wait for the next tick.
      this.logger.warn({ error: loggableError(error) }, 'chaining pending refusals failed; retried next tick');
    } finally {
      this.running = false;
    }
  }
}
