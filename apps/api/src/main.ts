import 'reflect-metadata';
import { exitCleanlyOnSignals, exitOnStartupFailure, prepareRuntime, validateEnvironment } from '@app/runtime';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const env = validateEnvironment(process.env);
  // The application's modules (~1.5 s of loading on 2 cores) load while the embedded
  // PostgreSQL boots, instead of before it: issue 2's "healthy in under 3 seconds".
  // (require: the build emits CommonJS, and TypeScript's nodenext resolution would want a
  // relative import() to name the emitted .js file.)
  let application: Promise<typeof import('./create-app')> | undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded late on purpose (above); import() would want the emitted file's name
  const loadApplication = () => (application ??= Promise.resolve().then(() => require('./create-app') as typeof import('./create-app')));
  const { config, embedded } = await prepareRuntime(env, say, { whileDatabaseStarts: loadApplication });
  const { createApp } = await loadApplication();
  const app = await createApp(config);
  // app.close() runs Nest's shutdown hooks, then the embedded database stops.
  exitCleanlyOnSignals(say, async () => {
    await app.close().catch(() => undefined);
    await embedded?.stop();
  });
  await app.listen(config.port, '0.0.0.0');
  say(`POST Registry listening on http://localhost:${config.port} (API docs: http://localhost:${config.port}/docs)`);
}

main().catch(exitOnStartupFailure);
