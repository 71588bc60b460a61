import {
  EmbeddedDatabase,
  ensureDatabase,
  readOrCreateSecret,
  readOrCreateStoredSecret,
  runMigrations,
  startEmbeddedPostgres,
  withDatabaseName,
} from '@app/database/bootstrap';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MIGRATIONS } from '../../../migrations';
import { AppConfig, buildAppConfig, buildDatabaseSettings } from './config/app-config';
import { EnvironmentVariables } from './config/environment';

export const EMBEDDED_DATABASE_NAME = 'post_registry';

export interface Runtime {
  config: AppConfig;
  embedded?: EmbeddedDatabase;
}

/**
 * Resolves what the environment leaves open: the database (DATABASE_URL, or an embedded
 * PostgreSQL under DATA_DIR), migrates it (as MIGRATION_DATABASE_URL when given), then the JWT
 * secret (JWT_SECRET; else one generated once: with the embedded database in DATA_DIR, with
 * DATABASE_URL in the database, so every process shares it and a container needs no writable
 * directory; a DATA_DIR/jwt-secret made by an earlier version is kept, so its tokens stay valid).
 * `whileDatabaseStarts` runs as soon as the embedded server's process is up, so its work
 * overlaps the server's boot. With DATABASE_URL nothing is written to disk.
 * `useRunningServer`: a server already running on DATA_DIR's cluster (the API's) is used and
 * left running; the caller's `embedded.stop()` then leaves it alone (the CLI).
 */
export async function prepareRuntime(
  env: EnvironmentVariables,
  log: (line: string) => void,
  options: { whileDatabaseStarts?: () => Promise<unknown>; useRunningServer?: boolean } = {},
): Promise<Runtime> {
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: env.DATA_DIR,
      persistent: true,
      log,
      useRunningServer: options.useRunningServer,
      // The caller awaits the same promise later; a failure here must not be an unhandled rejection.
      onServerSpawned: () => void options.whileDatabaseStarts?.().catch(() => undefined),
    });
    await ensureDatabase(embedded.adminUrl, EMBEDDED_DATABASE_NAME);
    databaseUrl = withDatabaseName(embedded.adminUrl, EMBEDDED_DATABASE_NAME);
    const where = embedded.clusterDir.startsWith(resolve(env.DATA_DIR))
      ? `data in ${env.DATA_DIR}`
      : `data in ${env.DATA_DIR}, cluster in ${embedded.clusterDir}`;
    log(`embedded PostgreSQL listening on 127.0.0.1:${embedded.port}, ${where}`);
  }
  const urls = { databaseUrl, ownerUrl: env.MIGRATION_DATABASE_URL };
  const database = buildDatabaseSettings(env, urls);
  try {
    const applied = await runMigrations(database, MIGRATIONS);
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
    const secretFile = join(env.DATA_DIR, 'jwt-secret');
    const jwtSecret =
      env.JWT_SECRET ??
      (embedded || existsSync(secretFile)
        ? readOrCreateSecret(secretFile, 48)
        : await readOrCreateStoredSecret(database.ownerUrl ?? database.url, 'jwt_secret'));
    return { config: buildAppConfig(env, { ...urls, jwtSecret }), embedded };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
