import { Module } from '@nestjs/common';
import { CertificationModule, CertificationSettlementJob } from '@app/certification';
import { ImportProcessingJob, ImportsModule } from '@app/imports';
import { IdempotencyKeyPruningJob } from '@app/jobs';
import { NoticeSendingJob, NotificationsModule, WebhookDeliveryJob, WebhooksModule } from '@app/notifications';
import { OfficersModule, PossibleDuplicateSweepJob } from '@app/officers';

/**
 * The durable jobs' handlers and schedules (pg-boss queues). Imported by apps/api (they run in
 * the API process while JOBS_WORKER=inline, its default) and by apps/worker's own process. A new
 * queue's handler is added here, or by a module imported here, so both run it.
 */
@Module({
  imports: [CertificationModule, NotificationsModule, ImportsModule, WebhooksModule, OfficersModule],
  providers: [CertificationSettlementJob, IdempotencyKeyPruningJob, NoticeSendingJob, ImportProcessingJob, WebhookDeliveryJob, PossibleDuplicateSweepJob],
})
export class WorkerModule {}
