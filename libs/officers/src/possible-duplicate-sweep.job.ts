import { Injectable, OnModuleInit } from '@nestjs/common';
import { defineQueue, Jobs } from '@app/jobs';
import { PossibleDuplicateSweep } from './possible-duplicate-sweep.service';

export const DUPLICATE_SWEEP_QUEUE = defineQueue<Record<string, never>>('officers.duplicate-sweep', { retryLimit: 2, retryDelaySeconds: 300 });

/** Daily, at 03:40 UTC (a quiet hour in the registry's time zone). */
export const DUPLICATE_SWEEP_CRON = '40 3 * * *';

/**
 * The periodic duplicate sweep as a pg-boss schedule: once a day across all processes, wherever
 * JOBS_WORKER=inline (the API by default, or apps/worker). Registered by the apps' WorkerModule,
 * not by OfficersModule, which the CLI also loads (as CertificationSettlementJob). Running it
 * twice is harmless: a pair is recorded once.
 */
@Injectable()
export class PossibleDuplicateSweepJob implements OnModuleInit {
  constructor(
    private readonly sweep: PossibleDuplicateSweep,
    private readonly jobs: Jobs,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.work(DUPLICATE_SWEEP_QUEUE, async () => {
      await this.sweep.sweep();
    });
    await this.jobs.schedule(DUPLICATE_SWEEP_QUEUE, DUPLICATE_SWEEP_CRON);
  }
}
