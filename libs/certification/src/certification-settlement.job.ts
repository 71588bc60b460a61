import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { Clock } from '@app/core';
import { CertificationSettlementService } from './certification-settlement.service';

/**
 * Records the lapses and ended suspensions that time brought (DOMAIN.md; reads
 * already show them). Registered by the app that runs timed work (the api process for
 * now, apps/worker later), not by CertificationModule, so that no process runs it twice
 * by accident; running it twice is harmless anyway (settleDue is idempotent).
 * Hourly, at five past: Clock.today() is the registry's own calendar (POST_TIME_ZONE), whose
 * midnight falls at any hour of UTC, and a run missed while the process was down is made up
 * within the hour. A run with nothing due costs two index probes.
 */
@Injectable()
export class CertificationSettlementJob {
  private readonly logger = new Logger(CertificationSettlementJob.name);

  constructor(
    private readonly settlement: CertificationSettlementService,
    private readonly clock: Clock,
  ) {}

  @Cron('5 * * * *', { name: 'certification-settlement', timeZone: 'UTC' })
  async run(): Promise<void> {
    const today = this.clock.today();
    const { settled, failed } = await this.settlement.settleDue(today);
    if (failed > 0) this.logger.error({ today, settled, failed }, 'certification settlement finished with failures');
    else this.logger.log({ today, settled }, 'certification settlement finished');
  }
}
