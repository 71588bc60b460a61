#!/usr/bin/env node
import 'reflect-metadata';
import type { EmbeddedDatabase } from '@app/database/bootstrap';
import { prepareRuntime, validateEnvironment } from '@app/runtime';
import { processIo } from './cli-io';
import { CLI_NAME } from './cli-options';
import { failureLine } from './command-failure';

/**
 * `post-registry <command>`: the operator's tools on the service's own database (DATABASE_URL,
 * else the embedded PostgreSQL under DATA_DIR, migrated first; an API running on it keeps it),
 * through the same domain services as the API. Exit status 0 on success, 1 on failure with
 * one line on stderr.
 */
async function main(): Promise<number> {
  let embedded: EmbeddedDatabase | undefined;
  const stopDatabase = async () => embedded?.stop().catch(() => undefined);
  const interrupted = () => void stopDatabase().then(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  // The modules (~1.5 s to load) load while the embedded PostgreSQL boots, as in the API's main.ts.
  let cli: Promise<typeof import('./run-cli')> | undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded late on purpose (above), as in the API's main.ts
  const loadCli = () => (cli ??= Promise.resolve().then(() => require('./run-cli') as typeof import('./run-cli')));
  try {
    // A client of a running service (API.md "Imports"): no database to prepare.
    if (process.argv[2] === 'import') return await (await loadCli()).runHttpCli(processIo);
    const env = validateEnvironment(process.env);
    // Start-up notes go to stderr: stdout carries only results (a CSV export can be piped).
    const runtime = await prepareRuntime(env, (line) => processIo.err(`${line}\n`), { whileDatabaseStarts: loadCli, useRunningServer: true });
    embedded = runtime.embedded;
    const { runCli } = await loadCli();
    return await runCli(runtime.config, processIo);
  } catch (error) {
    processIo.err(`${CLI_NAME}: ${failureLine(error)}\n`);
    return 1;
  } finally {
    await stopDatabase();
  }
}

// Exit once stdout has flushed: a piped CSV export is written asynchronously.
void main().then((code) => process.stdout.write('', () => process.exit(code)));
