import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed logins are counted over a sliding 15 minutes (API.md "Authentication"): each account
 * keeps the times of its recent failures instead of a count since its first one. A window in
 * progress carries over as that many failures at its first failure's time (they expire no later
 * than they did).
 */
export class SlidingLoginWindow1764000000600 implements MigrationInterface {
  name = 'SlidingLoginWindow1764000000600';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE app_user ADD COLUMN recent_failed_logins timestamptz[] NOT NULL DEFAULT '{}'`);
    await db.query(
      `UPDATE app_user SET recent_failed_logins = array_fill(first_failed_login_at, ARRAY[least(failed_login_count, 4)])
        WHERE first_failed_login_at IS NOT NULL AND failed_login_count > 0`,
    );
    await db.query(`ALTER TABLE app_user DROP COLUMN failed_login_count, DROP COLUMN first_failed_login_at`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE app_user ADD COLUMN failed_login_count integer NOT NULL DEFAULT 0, ADD COLUMN first_failed_login_at timestamptz`);
    await db.query(
      `UPDATE app_user SET failed_login_count = cardinality(recent_failed_logins), first_failed_login_at = recent_failed_logins[1]
        WHERE cardinality(recent_failed_logins) > 0`,
    );
    await db.query(`ALTER TABLE app_user DROP COLUMN recent_failed_logins`);
  }
}
