export * from './job-queue';
export * from './jobs';
export * from './jobs.module';
export * from './jobs-settings';
export * from './idempotency-key-pruning.job';
