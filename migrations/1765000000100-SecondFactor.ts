import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The second factor (API.md "Accounts", issue 17): a user's TOTP secret (AES-GCM ciphertext,
 * never the secret itself), the last time step a code was accepted in (a code is never accepted
 * twice), ten one-use recovery codes (keyed hashes only) and the login challenges between the
 * password and the code: one use across every API process, so their use is recorded here.
 * Written by the auth context alone.
 */
export class SecondFactor1765000000100 implements MigrationInterface {
  name = 'SecondFactor1765000000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE mfa_totp_factor (
        user_id uuid PRIMARY KEY REFERENCES app_user (id),
        secret_ciphertext text NOT NULL CHECK (secret_ciphertext LIKE 'v1.%'),
        confirmed_at timestamptz,
        last_used_step bigint CHECK (last_used_step >= 0),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE mfa_recovery_code (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id),
        code_hash bytea NOT NULL CHECK (octet_length(code_hash) = 32),
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT mfa_recovery_code_unique UNIQUE (user_id, code_hash)
      )`);
    await db.query(`
      CREATE TABLE mfa_challenge (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id),
        token_hash bytea NOT NULL CHECK (octet_length(token_hash) = 32),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT mfa_challenge_token_unique UNIQUE (token_hash)
      )`);
    await db.query(`CREATE INDEX mfa_challenge_user_expiry ON mfa_challenge (user_id, expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE mfa_challenge`);
    await db.query(`DROP TABLE mfa_recovery_code`);
    await db.query(`DROP TABLE mfa_totp_factor`);
  }
}
