import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// By path: global setup runs outside Jest's module mapper (no @app/* aliases). The file is the
// target of '@app/database/bootstrap', the entry point that needs only `pg` (eslint.config.mjs allows it).
import { ensureDatabase, runMigrations, startEmbeddedPostgres, withDatabaseName } from '../../libs/database/src/bootstrap';
import { MIGRATIONS } from '../../migrations';

/**
 * Once per `npm test`: a real PostgreSQL (DATABASE_URL's server, else an embedded one in a
 * temp dir), and a template database migrated once. Every test file then clones its own
 * database from the template (CREATE DATABASE … TEMPLATE, ~50 ms), so files run in parallel.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'post-registry-test-'));
    const embedded = await startEmbeddedPostgres({ dataDir, persistent: false });
    Object.assign(globalThis, { __embeddedPostgres: embedded, __embeddedDataDir: dataDir });
    adminUrl = embedded.adminUrl;
  }
  const template = `post_registry_tpl_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(adminUrl, template);
  await runMigrations(
    { url: withDatabaseName(adminUrl, template), statementTimeoutMs: 60_000, idleInTransactionTimeoutMs: 60_000, connectTimeoutMs: 10_000, poolSize: 1 },
    MIGRATIONS,
  );
  process.env.TEST_ADMIN_URL = adminUrl;
  process.env.TEST_TEMPLATE_DATABASE = template;
}
