import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user's tokens carry the version of the user's credentials they were issued under; a password
 * change raises it, so every token issued before stops working at once (API.md "Accounts"),
 * across every process (the version is read with the user on each request anyway).
 */
export class TokenVersion1764000000900 implements MigrationInterface {
  name = 'TokenVersion1764000000900';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE app_user ADD COLUMN token_version integer NOT NULL DEFAULT 0 CHECK (token_version >= 0)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE app_user DROP COLUMN token_version`);
  }
}
