import { Injectable, Optional } from '@nestjs/common';
import { defineQueue, Jobs } from '@app/jobs';
import { EntityManager } from 'typeorm';
import { MAX_SEND_ATTEMPTS } from './domain/notice-rules';
import { SEND_LEASE_SECONDS } from './persistence/notice.store';

/**
 * One job per queued notice. A job that throws is retried by the queue with growing delays
 * (60 s, doubling); the notice's own `attempts` decide when it is `failed` (MAX_SEND_ATTEMPTS),
 * so the queue may allow more retries than that (a retry that finds the notice leased counts no
 * attempt), and the sweep queues a notice again whose job ran out.
 */
export const NOTICE_SEND_QUEUE = defineQueue<{ noticeId: string }>('notices.send', {
  retryLimit: MAX_SEND_ATTEMPTS * 2,
  retryDelaySeconds: 60,
  retryBackoff: true,
  expireInSeconds: 2 * SEND_LEASE_SECONDS,
});

/**
 * Queues the sending of notices on the durable job queue (pg-boss, @app/jobs) inside the
 * caller's transaction: a notice whose submission rolls back is never sent, one that commits is
 * picked up within seconds (JOBS_POLL_INTERVAL_MS), inside API.md's 60 seconds. A process
 * without the queue (the CLI) leaves its notices `queued` for the sweep (NoticeSendingJob).
 */
@Injectable()
export class NoticeDispatch {
  constructor(@Optional() private readonly jobs?: Jobs) {}

  async enqueue(manager: EntityManager, noticeIds: readonly string[]): Promise<void> {
    if (!this.jobs) return;
    // One statement for all of them (an import's chunk queues thousands), not one a notice.
    await this.jobs.sendManyInTransaction(
      manager,
      NOTICE_SEND_QUEUE,
      noticeIds.map((noticeId) => ({ data: { noticeId }, options: { singletonKey: noticeId } })),
    );
  }

  /** Outside any transaction: the sweep's second chance for a notice whose job is gone. */
  async enqueueNow(noticeId: string): Promise<void> {
    await this.jobs?.send(NOTICE_SEND_QUEUE, { noticeId }, { singletonKey: noticeId });
  }
}
