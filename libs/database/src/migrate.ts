import { Client } from 'pg';
import type { MixedList } from 'typeorm';
import type { DatabaseSettings, MigrationClass } from './database-settings';

/** Any 64-bit constant: serialises concurrent starters so migrations run once. */
const MIGRATION_LOCK_KEY = 6_006_006;

/** Runs pending migrations as the owner of the schema (never as the restricted role). */
export async function runMigrations(settings: DatabaseSettings, migrations: MixedList<MigrationClass>): Promise<string[]> {
  const lock = new Client({ connectionString: settings.ownerUrl ?? settings.url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    // The usual restart has nothing to apply: answer from one query instead of building a
    // TypeORM DataSource (a measurable share of start-up on this machine).
    if (await allApplied(lock, migrations)) return [];
    // TypeORM is loaded only now, so a restart's database work needs pg alone (see bootstrap.ts).
    /* eslint-disable @typescript-eslint/no-require-imports -- loaded only when a migration is pending (above) */
    const { DataSource } = require('typeorm') as typeof import('typeorm');
    const { buildDataSourceOptions } = require('./database-settings') as typeof import('./database-settings');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const dataSource = new DataSource({ ...buildDataSourceOptions(settings, { asOwner: true, migrations }), poolSize: 1 } as never);
    await dataSource.initialize();
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.end();
  }
}

async function allApplied(client: Client, migrations: MixedList<MigrationClass>): Promise<boolean> {
  const names = (Array.isArray(migrations) ? migrations : Object.values(migrations)).map((migration) => migration.name);
  const { rows } = await client.query<{ table: string | null }>(`SELECT to_regclass('public.migrations')::text AS table`);
  if (!rows[0].table) return false;
  const applied = await client.query<{ name: string }>('SELECT name FROM migrations');
  const appliedNames = new Set(applied.rows.map((row) => row.name));
  return names.every((name) => appliedNames.has(name));
}

/** `CREATE DATABASE` when missing; `adminUrl` points at a maintenance database. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
}

export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
