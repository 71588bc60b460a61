import { rmSync } from 'node:fs';
import { Client } from 'pg';

/** Drops the template and any test database a crashed file left behind, then stops the embedded server and removes its directory. */
export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.TEST_ADMIN_URL;
  const template = process.env.TEST_TEMPLATE_DATABASE;
  if (adminUrl && template) {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [
        template,
        `${template}_t%`,
      ]);
      for (const { datname } of rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
  const { __embeddedPostgres: embedded, __embeddedDataDir: dataDir } = globalThis as {
    __embeddedPostgres?: { stop(): Promise<void> };
    __embeddedDataDir?: string;
  };
  await embedded?.stop();
  // The cluster is gone with stop() (persistent: false); the directory still holds its password file.
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
