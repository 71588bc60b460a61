import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 17, item 6: PostgreSQL's log must not hold restricted values. The requests' role may
 * make the log of its own sessions terse (no DETAIL such as `Key (email)=(…) already exists`, no
 * bound parameters): QUIET_SERVER_LOG in @app/database sets it on every connection. Both
 * settings are the superuser's; PostgreSQL 15+ lets a superuser grant SET on them. On an older
 * server, or an owner that may not grant it, a notice, and operations.md says what to grant.
 */
export class QuietServerLog1765000000310 implements MigrationInterface {
  name = 'QuietServerLog1765000000310';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DO $$ BEGIN
        EXECUTE 'GRANT SET ON PARAMETER log_error_verbosity, log_parameter_max_length TO post_registry_app';
      EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'post_registry_app may not set log_error_verbosity (%): see operations.md', SQLERRM;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DO $$ BEGIN
        EXECUTE 'REVOKE SET ON PARAMETER log_error_verbosity, log_parameter_max_length FROM post_registry_app';
      EXCEPTION WHEN OTHERS THEN NULL;
      END $$`);
  }
}
