import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Secrets the service generates for itself when the environment gives none (the JWT signing
 * secret with DATABASE_URL and no JWT_SECRET): kept in the database, so every API process
 * signs with the same one and a container needs no writable directory. Only the owner reads
 * it, at start-up: the requests' role `post_registry_app` gets nothing (the default privileges
 * of the first migration would grant it the table), so no request can leak a signing key.
 */
export class GeneratedSecret1764000001000 implements MigrationInterface {
  name = 'GeneratedSecret1764000001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE generated_secret (name text PRIMARY KEY, value text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
    await db.query(`REVOKE ALL ON generated_secret FROM post_registry_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE generated_secret`);
  }
}
