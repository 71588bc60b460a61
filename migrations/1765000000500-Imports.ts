import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `'officers', 'employments', 'certifications', 'training', 'final_actions'`;

/**
 * Imports of a state's existing records (API.md "Imports", DOMAIN.md "Onboarding a state's
 * existing records"). `data_import` is the import's own record (its progress is committed with
 * each chunk, so a restart resumes after the last committed chunk); `import_row` stages the
 * uploaded rows (COPY); `import_rejection` and `import_flag` are its report; `import_source`
 * remembers what each source record became, for idempotency (`unchanged`, `changed_since_import`);
 * `import_officer` maps source ids to POST IDs per import (`officers.csv`).
 * Imported records carry `import_id` in the tables they land in; `imported_final_action` holds
 * decisions taken before the registry (here or in another state).
 */
export class Imports1765000000500 implements MigrationInterface {
  name = 'Imports1765000000500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE data_import (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN (${KINDS})),
        dry_run boolean NOT NULL,
        format text NOT NULL CHECK (format IN ('csv', 'ndjson')),
        status text NOT NULL CHECK (status IN ('receiving', 'queued', 'running', 'succeeded', 'failed')),
        total integer NOT NULL DEFAULT 0 CHECK (total >= 0),
        processed integer NOT NULL DEFAULT 0 CHECK (processed >= 0 AND processed <= total),
        accepted integer NOT NULL DEFAULT 0,
        unchanged integer NOT NULL DEFAULT 0,
        rejected integer NOT NULL DEFAULT 0,
        flagged integer NOT NULL DEFAULT 0,
        failure text,
        actor_kind text NOT NULL,
        actor_id text,
        organization_id uuid REFERENCES organization(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CHECK (accepted + unchanged + rejected = processed)
      )`);
    await db.query(`CREATE INDEX data_import_created ON data_import (created_at DESC, id DESC)`);

    await db.query(`
      CREATE TABLE import_row (
        import_id uuid NOT NULL REFERENCES data_import(id),
        row_no integer NOT NULL,
        source_key text,
        duplicate_of integer,
        data jsonb NOT NULL,
        PRIMARY KEY (import_id, row_no)
      )`);
    await db.query(`CREATE INDEX import_row_source_key ON import_row (import_id, source_key)`);

    await db.query(`
      CREATE TABLE import_rejection (
        import_id uuid NOT NULL REFERENCES data_import(id),
        row_no integer NOT NULL,
        source_id text,
        errors jsonb NOT NULL,
        PRIMARY KEY (import_id, row_no)
      )`);
    await db.query(`
      CREATE TABLE import_flag (
        import_id uuid NOT NULL REFERENCES data_import(id),
        row_no integer NOT NULL,
        source_id text,
        post_id text,
        candidates jsonb NOT NULL,
        PRIMARY KEY (import_id, row_no)
      )`);
    await db.query(`
      CREATE TABLE import_source (
        kind text NOT NULL CHECK (kind IN (${KINDS})),
        source_key text NOT NULL,
        content_hash text NOT NULL,
        entity_id uuid NOT NULL,
        import_id uuid NOT NULL REFERENCES data_import(id),
        row_no integer NOT NULL,
        PRIMARY KEY (kind, source_key)
      )`);
    await db.query(`
      CREATE TABLE import_officer (
        import_id uuid NOT NULL REFERENCES data_import(id),
        row_no integer NOT NULL,
        source_id text NOT NULL,
        officer_id uuid NOT NULL REFERENCES officer(id),
        PRIMARY KEY (import_id, row_no)
      )`);

    await db.query(`ALTER TABLE officer ADD COLUMN import_id uuid REFERENCES data_import(id)`);
    await db.query(`ALTER TABLE employment ADD COLUMN import_id uuid REFERENCES data_import(id)`);
    await db.query(`ALTER TABLE training_completion ADD COLUMN import_id uuid REFERENCES data_import(id)`);
    await db.query(`ALTER TABLE certification_history ADD COLUMN import_id uuid REFERENCES data_import(id)`);

    await db.query(`
      CREATE TABLE imported_final_action (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        officer_id uuid NOT NULL REFERENCES officer(id),
        import_id uuid NOT NULL REFERENCES data_import(id),
        source_id text NOT NULL,
        type text NOT NULL CHECK (type IN ('revocation', 'suspension', 'retraining')),
        effective_on date NOT NULL,
        ends_on date CHECK (ends_on IS NULL OR ends_on > effective_on),
        decided_on date NOT NULL,
        jurisdiction text NOT NULL CHECK (jurisdiction ~ '^[A-Z]{2}$'),
        out_of_state boolean NOT NULL,
        agency_id uuid REFERENCES organization(id),
        ground_category text,
        case_reference text NOT NULL CHECK (length(case_reference) BETWEEN 1 AND 100),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX imported_final_action_officer ON imported_final_action (officer_id)`);
    await db.query(
      `CREATE TRIGGER imported_final_action_append_only BEFORE UPDATE OR DELETE ON imported_final_action FOR EACH ROW EXECUTE FUNCTION forbid_change()`,
    );
    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON imported_final_action FROM post_registry_app`);
    // An imported licence number is kept (API.md `postId`): the sequence then moves past it (setval needs UPDATE).
    await db.query(`GRANT UPDATE ON SEQUENCE officer_post_number_seq TO post_registry_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE imported_final_action`);
    await db.query(`ALTER TABLE certification_history DROP COLUMN import_id`);
    await db.query(`ALTER TABLE training_completion DROP COLUMN import_id`);
    await db.query(`ALTER TABLE employment DROP COLUMN import_id`);
    await db.query(`ALTER TABLE officer DROP COLUMN import_id`);
    await db.query(`DROP TABLE import_officer, import_source, import_flag, import_rejection, import_row, data_import`);
  }
}
