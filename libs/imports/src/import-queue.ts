import { defineQueue } from '@app/jobs';

/**
 * One job per import (API.md "Imports": "the work runs as a durable job"), queued in the
 * transaction that records the import. Its handler runs the import to its end, one chunk per
 * transaction. A job that outlives `expireInSeconds` is retried by pg-boss while its first run
 * may still be working: the run holds the import's advisory lock (ImportChunksService), so the
 * retry finds it busy and ends; after a crash the lock is gone and the retry resumes.
 */
export const IMPORT_QUEUE = defineQueue<{ importId: string }>('imports.process', {
  retryLimit: 5,
  retryDelaySeconds: 15,
  retryBackoff: true,
  expireInSeconds: 15 * 60,
});

/**
 * Every minute, and once when a worker starts: an unfinished import that no live process holds
 * (its process was killed, its job ran out of retries while the database was away) gets a job
 * again. A job for an import another process runs finds it busy and ends.
 */
export const IMPORT_RESUME_QUEUE = defineQueue<Record<string, never>>('imports.resume', { retryLimit: 0, expireInSeconds: 120 });
export const IMPORT_RESUME_CRON = '* * * * *';
