import { readOrCreateSecret, startEmbeddedPostgres, ensureDatabase, withDatabaseName, EmbeddedDatabase, runMigrations } from '@app/database';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
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
 * under DATA_DIR so tokens survive a restart). Then migrates.
 */
export async function prepareRuntime(env: EnvironmentVariables, log: (line: string) => void): Promise<Runtime> {
  mkdirSync(env.DATA_DIR, { recursive: true, mode: 0o755 });
  let embedded: EmbeddedDatabase | undefined;
  let databaseUrl = env.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres({ dataDir: env.DATA_DIR, persistent: true, log });
    await ensureDatabase(embedded.adminUrl, EMBEDDED_DATABASE_NAME);
    databaseUrl = withDatabaseName(embedded.adminUrl, EMBEDDED_DATABASE_NAME);
    log(`embedded PostgreSQL listening on 127.0.0.1:${embedded.port}, data in ${env.DATA_DIR}`);
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
