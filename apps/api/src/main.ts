import 'reflect-metadata';
import { EmbeddedDatabaseError } from '@app/database/bootstrap';
import { ConfigurationError, prepareRuntime, validateEnvironment } from '@app/runtime';

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
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: shutting down`);
    await app.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  // The only signal handlers: app.close() runs Nest's shutdown hooks, then the embedded database stops. Nest's own
  // enableShutdownHooks() would re-send the signal after closing, killing the process before the database was stopped.
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen(config.port, '0.0.0.0');
  say(`POST Registry listening on http://localhost:${config.port} (API docs: http://localhost:${config.port}/docs)`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError || error instanceof EmbeddedDatabaseError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
