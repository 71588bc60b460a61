import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '@app/core';
import { defineQueue, Jobs } from '@app/jobs';
import { CertificationSettlementService } from './certification-settlement.service';

export const CERTIFICATION_SETTLEMENT_QUEUE = defineQueue<Record<string, never>>('certification-settlement', { retryLimit: 2, retryDelaySeconds: 60 });

/** Hourly, at five past. */
export const CERTIFICATION_SETTLEMENT_CRON = '5 * * * *';

/**
 * Records the lapses and ended suspensions that time brought (DOMAIN.md; reads already show
 * them). A pg-boss schedule: once an hour across all processes, wherever JOBS_WORKER=inline
 * (the API by default, or apps/worker). Registered by the apps' WorkerModule, not by
 * CertificationModule, which the CLI also loads. Running it twice is harmless anyway
 * (settleDue is idempotent).
 * Hourly, at five past: Clock.today() is the registry's own calendar (POST_TIME_ZONE), whose
 * midnight falls at any hour of UTC, and a run missed while no worker ran is made up within the
 * hour. A run with nothing due costs two index probes.
 */
@Injectable()
export class CertificationSettlementJob implements OnModuleInit {
  private readonly logger = new Logger(CertificationSettlementJob.name);

  constructor(
    private readonly settlement: CertificationSettlementService,
    private readonly clock: Clock,
    private readonly jobs: Jobs,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.work(CERTIFICATION_SETTLEMENT_QUEUE, () => this.run());
    await this.jobs.schedule(CERTIFICATION_SETTLEMENT_QUEUE, CERTIFICATION_SETTLEMENT_CRON);
  }

  async run(): Promise<void> {
    const today = this.clock.today();
    const { settled, failed } = await this.settlement.settleDue(today);
    if (failed > 0) this.logger.error({ today, settled, failed }, 'certification settlement finished with failures');
    else this.logger.log({ today, settled }, 'certification settlement finished');
  }
}
