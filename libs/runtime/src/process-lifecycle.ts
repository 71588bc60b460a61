import { EmbeddedDatabaseError } from '@app/database/bootstrap';
import { ConfigurationError } from './config/environment';

/**
 * The start and stop of a process (the API's and the worker's main.ts): the same two rules for both.
 */

/**
 * SIGINT and SIGTERM, heard once: `close()` (Nest's shutdown hooks, then the embedded database),
 * then exit 0. These are the process's only signal handlers: Nest's own enableShutdownHooks()
 * re-sends the signal after closing, which killed the process before the database had stopped.
 * `stopping()` tells code still starting up that a stop has begun.
 */
export function exitCleanlyOnSignals(say: (line: string) => void, close: () => Promise<void>): { stopping: () => boolean } {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: shutting down`);
    await close().catch(() => undefined);
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return { stopping: () => stopping };
}

/** A start that failed: one plain line for a bad configuration or database, the stack otherwise; exit 1. */
export function exitOnStartupFailure(error: unknown): never {
  if (error instanceof ConfigurationError || error instanceof EmbeddedDatabaseError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`start-up failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
}
