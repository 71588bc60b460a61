import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { loggableError } from '@app/database';
import { Jobs } from '@app/jobs';
import { ImportChunksService } from './import-chunks.service';
import { IMPORT_QUEUE, IMPORT_RESUME_CRON, IMPORT_RESUME_QUEUE } from './import-queue';

/**
 * The handlers of imports' durable jobs (pg-boss through @app/jobs). Registered by the apps'
 * WorkerModule (the API with JOBS_WORKER=inline, or apps/worker), not by ImportsModule.
 * A stopping process ends its runs between chunks (the chunk in flight commits first) and
 * hands the job back to the queue, which any process picks up where the last commit stopped.
 */
@Injectable()
export class ImportProcessingJob implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ImportProcessingJob.name);
  private stopping = false;

  constructor(
    private readonly chunks: ImportChunksService,
    private readonly jobs: Jobs,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.work(IMPORT_QUEUE, async ({ importId }, job) => {
      try {
        const outcome = await this.chunks.runExclusively(importId, () => !this.stopping);
        if (outcome === 'interrupted') throw new ImportInterrupted();
        if (outcome === 'busy') this.logger.log({ importId, jobId: job.id }, 'import already running in another process');
      } catch (error) {
        if (error instanceof ImportInterrupted) throw error;
        this.logger.error({ importId, jobId: job.id, err: loggableError(error) }, 'import chunk failed');
        // The queue retries with growing delays; after the last attempt the import is failed, keeping what committed.
        if (job.lastAttempt) await this.chunks.fail(importId, 'processing failed; see the service log').catch(() => undefined);
        throw error;
      }
    });
    await this.jobs.work(IMPORT_RESUME_QUEUE, async () => {
      const resumed = await this.resume();
      if (resumed > 0) this.logger.log({ resumed }, 'unfinished imports queued again');
    });
    await this.jobs.schedule(IMPORT_RESUME_QUEUE, IMPORT_RESUME_CRON);
  }

  /** A worker that starts picks up at once what a killed process left (not a minute later). */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.jobs.runsHandlers) return;
    await this.resume().catch((error: unknown) => this.logger.error({ err: loggableError(error) }, 'resuming imports failed'));
  }

  /** Before pg-boss stops (beforeApplicationShutdown): runs end after their current chunk. */
  onModuleDestroy(): void {
    this.stopping = true;
  }

  /** Queues a job for every unfinished import nobody runs; returns how many. */
  async resume(): Promise<number> {
    const orphans = await this.chunks.unheldImports();
    for (const importId of orphans) await this.jobs.send(IMPORT_QUEUE, { importId });
    return orphans.length;
  }
}

/** Not a failure: the process is stopping; the queue runs the import again, from its last committed chunk. */
class ImportInterrupted extends Error {
  constructor() {
    super('the process stopped between chunks; the import resumes from its last committed chunk');
    this.name = 'ImportInterrupted';
  }
}
