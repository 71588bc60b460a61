import 'reflect-metadata';
import { EmbeddedDatabaseError } from '@app/database/bootstrap';
import { ConfigurationError, prepareRuntime, validateEnvironment } from '@app/runtime';

const say = (line: string) => process.stdout.write(`${line}\n`);

/**
 * `node dist/apps/worker/src/main.js` (`npm run start:worker`): the durable jobs apart from the
 * API (run the API with JOBS_WORKER=off). Same environment as the API; migrates like it. Any
 * number of workers may run: each job runs in one of them.
 */
async function main(): Promise<void> {
  const env = validateEnvironment(process.env);
  let application: Promise<typeof import('./create-worker')> | undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded while the database starts, as in the API's main.ts
  const loadApplication = () => (application ??= Promise.resolve().then(() => require('./create-worker') as typeof import('./create-worker')));
  const { config, embedded } = await prepareRuntime(env, say, { whileDatabaseStarts: loadApplication, useRunningServer: true });
  const { createWorker } = await loadApplication();
  const worker = await createWorker(config);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: shutting down`);
    // Running handlers finish first (Jobs.beforeApplicationShutdown); the rest go back to the queue.
    await worker.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await worker.init();
  say('POST Registry worker running');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError || error instanceof EmbeddedDatabaseError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
