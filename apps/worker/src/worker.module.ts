import { Module } from '@nestjs/common';
import { CertificationModule, CertificationSettlementJob } from '@app/certification';
import { IdempotencyKeyPruningJob } from '@app/jobs';
import { NoticeSendingJob, NotificationsModule } from '@app/notifications';

/**
 * The durable jobs' handlers and schedules (pg-boss queues). Imported by apps/api (they run in
 * the API process while JOBS_WORKER=inline, its default) and by apps/worker's own process. A new
 * queue's handler is added here, or by a module imported here, so both run it.
 */
@Module({
  imports: [CertificationModule, NotificationsModule],
  providers: [CertificationSettlementJob, IdempotencyKeyPruningJob, NoticeSendingJob],
})
export class WorkerModule {}
