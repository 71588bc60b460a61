import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock } from '@app/core';
import { defineQueue, Jobs } from '@app/jobs';
import { DataSource } from 'typeorm';
import { NOTICE_SEND_QUEUE, NoticeDispatch } from './notice-dispatch';
import { NoticeSender } from './notice-sender';
import { findStaleQueuedNotices } from './persistence/notice.queries';

/** Every minute: queued notices whose job was lost, or ran out of retries while the mail server was down, get one again. */
export const NOTICE_SWEEP_QUEUE = defineQueue<Record<string, never>>('notices.sweep', { retryLimit: 0, expireInSeconds: 120 });
export const NOTICE_SWEEP_CRON = '* * * * *';

/** A queued notice untried this long is queued again: past the queue's own first retries. */
const SWEEP_IDLE_SECONDS = 15 * 60;
/** A never-tried notice younger than this is its own job's to send. */
const SWEEP_GRACE_SECONDS = 60;
const SWEEP_BATCH = 500;

/**
 * The handlers of notices' mail (DOMAIN.md "Monitoring and notices"): one attempt per job of
 * `notices.send` (a notice not sent yet fails its job on purpose, and the queue retries it), and
 * the sweep. Registered by the apps' WorkerModule (the API with JOBS_WORKER=inline, or
 * apps/worker), not by NotificationsModule, which the CLI also loads.
 */
@Injectable()
export class NoticeSendingJob implements OnModuleInit {
  private readonly logger = new Logger(NoticeSendingJob.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: Jobs,
    private readonly sender: NoticeSender,
    private readonly dispatch: NoticeDispatch,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.work(NOTICE_SEND_QUEUE, async ({ noticeId }) => {
      if ((await this.sender.attempt(noticeId)) === 'retry') throw new NoticeNotSentYet();
    });
    await this.jobs.work(NOTICE_SWEEP_QUEUE, async () => {
      const queued = await this.sweep();
      if (queued > 0) this.logger.log({ queued }, 'notices queued again by the sweep');
    });
    await this.jobs.schedule(NOTICE_SWEEP_QUEUE, NOTICE_SWEEP_CRON);
  }

  /** Queues a job again for each queued notice nobody is working on; a duplicate finds the notice sent or leased and does nothing. */
  async sweep(): Promise<number> {
    const stale = await findStaleQueuedNotices(this.dataSource.manager, {
      idleSeconds: SWEEP_IDLE_SECONDS,
      createdBefore: new Date(this.clock.now().getTime() - SWEEP_GRACE_SECONDS * 1000),
      limit: SWEEP_BATCH,
    });
    for (const noticeId of stale) await this.dispatch.enqueueNow(noticeId);
    return stale.length;
  }
}

/** Not a fault of the service: the mail server refused or could not be reached, and the notice waits for its next attempt. */
class NoticeNotSentYet extends Error {
  constructor() {
    super('notice not sent yet; retried later');
    this.name = 'NoticeNotSentYet';
  }
}
