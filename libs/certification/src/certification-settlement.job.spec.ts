import { ScheduleModule, SchedulerRegistry } from '@nestjs/schedule';
import { Test } from '@nestjs/testing';
import { Clock, FixedClock } from '@app/core';
import { CertificationSettlementJob } from './certification-settlement.job';
import { CertificationSettlementService } from './certification-settlement.service';

describe('CertificationSettlementJob', () => {
  it('should be scheduled hourly and settle what is due on the clock’s today, in the registry’s time zone', async () => {
    const settleDue = jest.fn().mockResolvedValue({ settled: 3, failed: 0 });
    const moduleRef = await Test.createTestingModule({
      imports: [ScheduleModule.forRoot()],
      providers: [
        CertificationSettlementJob,
        { provide: CertificationSettlementService, useValue: { settleDue } },
        // 00:05 UTC on 1 March is still 28 February in Massachusetts.
        { provide: Clock, useValue: new FixedClock(new Date('2026-03-01T00:05:00Z'), 'America/New_York') },
      ],
    }).compile();
    await moduleRef.init();
    try {
      const job = moduleRef.get(SchedulerRegistry).getCronJob('certification-settlement');
      expect(job.cronTime.source).toBe('5 * * * *');
      await moduleRef.get(CertificationSettlementJob).run();
      expect(settleDue).toHaveBeenCalledWith('2026-02-28');
    } finally {
      await moduleRef.close();
    }
  });
});
