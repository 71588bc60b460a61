import { Test } from '@nestjs/testing';
import { Clock, FixedClock } from '@app/core';
import { Jobs } from '@app/jobs';
import { CERTIFICATION_SETTLEMENT_CRON, CERTIFICATION_SETTLEMENT_QUEUE, CertificationSettlementJob } from './certification-settlement.job';
import { CertificationSettlementService } from './certification-settlement.service';

describe('CertificationSettlementJob', () => {
  it('should be scheduled hourly and settle what is due on the clock’s today, in the registry’s time zone', async () => {
    const settleDue = jest.fn().mockResolvedValue({ settled: 3, failed: 0 });
    const jobs = { work: jest.fn().mockResolvedValue(undefined), schedule: jest.fn().mockResolvedValue(undefined) };
    const moduleRef = await Test.createTestingModule({
      providers: [
        CertificationSettlementJob,
        { provide: CertificationSettlementService, useValue: { settleDue } },
        { provide: Jobs, useValue: jobs },
        // 00:05 UTC on 1 March is still 28 February in Massachusetts.
        { provide: Clock, useValue: new FixedClock(new Date('2026-03-01T00:05:00Z'), 'America/New_York') },
      ],
    }).compile();
    await moduleRef.init();
    try {
      expect(CERTIFICATION_SETTLEMENT_CRON).toBe('5 * * * *');
      expect(jobs.schedule).toHaveBeenCalledWith(CERTIFICATION_SETTLEMENT_QUEUE, CERTIFICATION_SETTLEMENT_CRON);
      const [[queue, handler]] = jobs.work.mock.calls;
      expect(queue).toBe(CERTIFICATION_SETTLEMENT_QUEUE);
      await handler({}, { id: 'job-1', queue: queue.name });
      expect(settleDue).toHaveBeenCalledWith('2026-02-28');
    } finally {
      await moduleRef.close();
    }
  });
});
