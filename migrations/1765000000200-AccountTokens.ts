import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-use account tokens (API.md "Accounts"): password-reset links and invitations. Only the
 * SHA-256 of a token is kept (a token is 256 random bits, so no salt or slow hash is needed);
 * the link itself is mailed or shown once. A token is used at most once, and PostgreSQL holds
 * that even for two requests at the same instant: the use is `UPDATE … WHERE used_at IS NULL`
 * (the second waits on the row and then finds it used), and the trigger refuses any change to a
 * token once it is used or revoked. Rows are kept (no DELETE for the service): a token's fate is
 * part of the account's history.
 */
export class AccountTokens1765000000200 implements MigrationInterface {
  name = 'AccountTokens1765000000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE account_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id),
        purpose text NOT NULL CHECK (purpose IN ('password_reset', 'activation')),
        token_hash bytea NOT NULL CHECK (octet_length(token_hash) = 32),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        CONSTRAINT account_token_hash_unique UNIQUE (token_hash),
        CONSTRAINT account_token_expires_after_creation CHECK (expires_at > created_at),
        CONSTRAINT account_token_used_or_revoked CHECK (used_at IS NULL OR revoked_at IS NULL)
      )`);
    await db.query(`CREATE INDEX account_token_open_by_user ON account_token (user_id) WHERE used_at IS NULL AND revoked_at IS NULL`);
    await db.query(`
      CREATE FUNCTION account_token_closed_for_good() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.used_at IS NOT NULL OR OLD.revoked_at IS NOT NULL THEN
          RAISE EXCEPTION 'account token % is already used or revoked', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.token_hash <> OLD.token_hash OR NEW.user_id <> OLD.user_id OR NEW.purpose <> OLD.purpose
           OR NEW.created_at <> OLD.created_at OR NEW.expires_at <> OLD.expires_at THEN
          RAISE EXCEPTION 'account token % may only be used or revoked', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER account_token_closed_for_good BEFORE UPDATE ON account_token
      FOR EACH ROW EXECUTE FUNCTION account_token_closed_for_good()`);
    await db.query(`GRANT SELECT, INSERT, UPDATE ON account_token TO post_registry_app`);
    await db.query(`REVOKE DELETE, TRUNCATE ON account_token FROM post_registry_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE account_token`);
    await db.query(`DROP FUNCTION account_token_closed_for_good()`);
  }
}
