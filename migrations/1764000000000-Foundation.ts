import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Organizations, users, API keys, the hash-chained audit log and idempotency keys,
 * plus the restricted role the service runs as (DESIGN.md rule 12).
 */
export class Foundation1764000000000 implements MigrationInterface {
  name = 'Foundation1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    // Roles are cluster-wide: create once, tolerate every later database of the cluster.
    await db.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'post_registry_app') THEN
          CREATE ROLE post_registry_app NOLOGIN;
        END IF;
      END $$`);
    await db.query(`GRANT post_registry_app TO CURRENT_USER`).catch(() => undefined);
    await db.query(`GRANT USAGE ON SCHEMA public TO post_registry_app`);
    await db.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO post_registry_app`);
    await db.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO post_registry_app`);

    // Shared trigger function: append-only tables refuse UPDATE, DELETE and TRUNCATE.
    await db.query(`
      CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'table % is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);

    await db.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        type text NOT NULL CHECK (type IN ('commission', 'agency', 'academy')),
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
        code text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{1,31}$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT organization_code_unique UNIQUE (code)
      )`);
    // Exactly one commission (API.md: "One commission organization exists from the first start").
    await db.query(`CREATE UNIQUE INDEX organization_single_commission ON organization ((true)) WHERE type = 'commission'`);

    await db.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id),
        email text NOT NULL CHECK (email = lower(email)),
        password_hash text NOT NULL,
        roles text[] NOT NULL CHECK (cardinality(roles) > 0),
        failed_login_count integer NOT NULL DEFAULT 0,
        first_failed_login_at timestamptz,
        locked_until timestamptz,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT app_user_email_unique UNIQUE (email)
      )`);
    await db.query(`CREATE INDEX app_user_organization ON app_user (organization_id)`);

    await db.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id),
        name text NOT NULL,
        prefix text NOT NULL,
        key_hash bytea NOT NULL,
        roles text[] NOT NULL CHECK (cardinality(roles) > 0),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CONSTRAINT api_key_prefix_unique UNIQUE (prefix)
      )`);

    await db.query(`
      CREATE TABLE audit_log (
        seq bigint PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_kind text NOT NULL,
        actor_id text,
        organization_id uuid,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        request_id text,
        details jsonb NOT NULL DEFAULT '{}',
        prev_hash text NOT NULL,
        hash text NOT NULL
      )`);
    await db.query(`CREATE INDEX audit_log_entity ON audit_log (entity_type, entity_id, seq)`);
    await db.query(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION forbid_change()`);
    await db.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION forbid_change()`);

    await db.query(`
      CREATE TABLE idempotency_key (
        organization_id uuid NOT NULL,
        key text NOT NULL,
        method text NOT NULL,
        path text NOT NULL,
        request_hash text NOT NULL,
        response_status integer,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, key)
      )`);

    // Default privileges cover later migrations; these tables already exist, so grant them here.
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO post_registry_app`);
    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM post_registry_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_key, audit_log, api_key, app_user, organization`);
    await db.query(`DROP FUNCTION forbid_change()`);
  }
}
