import { types } from 'pg';
import { DataSourceOptions, MigrationInterface, MixedList } from 'typeorm';

// Calendar dates stay `YYYY-MM-DD` strings (API.md): node-postgres would otherwise turn a
// `date` into a JavaScript Date at local midnight, shifting it with the server's time zone.
types.setTypeParser(types.builtins.DATE, (value: string) => value);
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * The role the service's queries run as (migration 0001 creates it): it has no UPDATE,
 * DELETE or TRUNCATE on append-only tables, so even a bug in the service cannot rewrite
 * the audit log or a status history (DESIGN.md rule 12).
 */
export const APP_DB_ROLE = 'post_registry_app';

export interface DatabaseSettings {
  /** The requests' pool. */
  url: string;
  /**
   * Set when the schema owner logs in apart (MIGRATION_DATABASE_URL): migrations run on it, and
   * `url` is already the restricted login. Unset: `url` is the owner, and each request
   * connection takes the restricted role with `-c role=` (one URL, no second password).
   */
  ownerUrl?: string;
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  connectTimeoutMs: number;
  poolSize: number;
}

/**
 * libpq startup options: every connection of the service is bounded and runs as the
 * restricted role. The owner's connection runs migrations, which rewrite or index whole
 * tables (1.3M officer names: about a minute): the requests' time limit does not apply to it.
 */
export function startupOptions(settings: DatabaseSettings, asOwner: boolean): string {
  const options = [
    `-c statement_timeout=${asOwner ? 0 : settings.statementTimeoutMs}`,
    `-c idle_in_transaction_session_timeout=${settings.idleInTransactionTimeoutMs}`,
    '-c TimeZone=UTC',
  ];
  if (!asOwner && !settings.ownerUrl) options.push(`-c role=${APP_DB_ROLE}`);
  return options.join(' ');
}

/**
 * Run on every new connection of the requests' pool (pg-pool's `onConnect`, before the pool
 * hands it out): PostgreSQL's server log must not hold the values of restricted fields (issue
 * 17). By default it writes an error's DETAIL (`Key (email)=(…) already exists`, `Failing row
 * contains (…)` with a date of birth), its CONTEXT and, if an operator turned parameter logging
 * on, the bound values. `terse` keeps the error line (code, constraint) and drops those; no
 * parameter is ever logged. Both are superuser settings: the migration QuietServerLog grants SET
 * on them to `post_registry_app` (PostgreSQL 15+, when the owner may), and on a server where
 * neither holds, the block changes nothing rather than refuse the connection (operations.md says
 * what to grant).
 */
export const QUIET_SERVER_LOG = `SET log_parameter_max_length_on_error = 0;
DO $$ BEGIN
  PERFORM set_config('log_error_verbosity', 'terse', false);
  PERFORM set_config('log_parameter_max_length', '0', false);
EXCEPTION WHEN insufficient_privilege THEN NULL;
END $$`;

/** A migration class as TypeORM instantiates it (TypeORM's own option types say only `Function`). */
export type MigrationClass = new () => MigrationInterface;

/** An entity class (a constructor TypeORM calls without arguments). */
export type EntityClass = new () => object;

export function buildDataSourceOptions(
  settings: DatabaseSettings,
  extra: { asOwner?: boolean; migrations?: MixedList<MigrationClass>; entities?: MixedList<EntityClass> } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url: extra.asOwner ? ownerUrl(settings) : settings.url,
    synchronize: false,
    migrationsRun: false,
    migrations: extra.migrations ?? [],
    entities: extra.entities ?? [],
    namingStrategy: new SnakeNamingStrategy(),
    logging: false,
    extra: {
      max: settings.poolSize,
      // node-postgres waits forever for a pooled connection by default (reliability.md §0.6).
      connectionTimeoutMillis: settings.connectTimeoutMs,
      options: startupOptions(settings, extra.asOwner ?? false),
      application_name: 'post-registry',
      // The owner runs migrations only: no request's value reaches its statements.
      ...(extra.asOwner ? {} : { onConnect: (client: { query(text: string): Promise<unknown> }) => client.query(QUIET_SERVER_LOG) }),
    },
  };
}

/** Who may change the schema: MIGRATION_DATABASE_URL when given, else the one URL. */
export function ownerUrl(settings: DatabaseSettings): string {
  return settings.ownerUrl ?? settings.url;
}
