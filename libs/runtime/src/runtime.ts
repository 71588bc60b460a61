import { EmbeddedDatabase, ensureDatabase, readOrCreateSecret, runMigrations, startEmbeddedPostgres, withDatabaseName } from '@app/database/bootstrap';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MIGRATIONS } from '../../../migrations';
import { AppConfig, buildAppConfig } from './config/app-config';
import { EnvironmentVariables } from './config/environment';

export const EMBEDDED_DATABASE_NAME = 'post_registry';

export interface Runtime {
  config: AppConfig;
  embedded?: EmbeddedDatabase;
}

/**
 * Resolves what the environment leaves open: the database (DATABASE_URL, or an embedded
 * PostgreSQL under DATA_DIR) and the JWT secret (JWT_SECRET, or one generated once and kept
 * under DATA_DIR so tokens survive a restart). Then migrates. `whileDatabaseStarts` runs as
 * soon as the embedded server's process is up, so its work overlaps the server's boot.
 * `useRunningServer`: a server already running on DATA_DIR's cluster (the API's) is used and
 * left running; the caller's `embedded.stop()` then leaves it alone (the CLI).
 */
export async function prepareRuntime(
  env: EnvironmentVariables,
  log: (line: string) => void,
  options: { whileDatabaseStarts?: () => Promise<unknown>; useRunningServer?: boolean } = {},
): Promise<Runtime> {
  mkdirSync(env.DATA_DIR, { recursive: true, mode: 0o755 });
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
    const where = embedded.clusterDir.startsWith(resolve(env.DATA_DIR)) ? `data in ${env.DATA_DIR}` : `data in ${env.DATA_DIR}, cluster in ${embedded.clusterDir}`;
    log(`embedded PostgreSQL listening on 127.0.0.1:${embedded.port}, ${where}`);
  }
  const jwtSecret = env.JWT_SECRET ?? readOrCreateSecret(join(env.DATA_DIR, 'jwt-secret'), 48);
  const config = buildAppConfig(env, { databaseUrl, jwtSecret });
  try {
    const applied = await runMigrations(config.database, MIGRATIONS);
    if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return { config, embedded };
}
