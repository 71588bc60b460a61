import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { exitCleanlyOnSignals, exitOnStartupFailure, prepareRuntime, validateEnvironment } from '@app/runtime';

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
  // Signals are heard from the start: NestFactory.createApplicationContext initialises the modules,
  // so jobs run before createWorker returns, and a SIGTERM then must still stop cleanly (exit 0), not kill.
  const started: { runtime?: Awaited<ReturnType<typeof prepareRuntime>>; worker?: Promise<INestApplicationContext> } = {};
  const { stopping } = exitCleanlyOnSignals(say, async () => {
    // Running handlers finish first (Jobs.beforeApplicationShutdown); the rest go back to the queue.
    const context = await started.worker?.catch(() => undefined);
    await context?.close().catch(() => undefined);
    await started.runtime?.embedded?.stop();
  });
  started.runtime = await prepareRuntime(env, say, { whileDatabaseStarts: loadApplication, useRunningServer: true });
  const { createWorker } = await loadApplication();
  started.worker = createWorker(started.runtime.config);
  const context = await started.worker;
  if (stopping()) return;
  await context.init();
  say('POST Registry worker running');
}

main().catch(exitOnStartupFailure);
