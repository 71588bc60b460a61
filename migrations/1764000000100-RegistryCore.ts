import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Officers (identity, names for matching), employment, courses, training completions,
 * certifications and their append-only history (DOMAIN.md "Entities", "Certification").
 */
export class RegistryCore1764000000100 implements MigrationInterface {
  name = 'RegistryCore1764000000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS fuzzystrmatch`);
    await db.query(`CREATE SEQUENCE officer_post_number_seq START 1`);

    await db.query(`
      CREATE TABLE officer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        post_id text NOT NULL CHECK (post_id ~ '^[A-Z]{2}-[0-9]{6,}$'),
        first_name text NOT NULL CHECK (length(btrim(first_name)) BETWEEN 1 AND 100),
        middle_name text CHECK (length(middle_name) <= 100),
        last_name text NOT NULL CHECK (length(btrim(last_name)) BETWEEN 1 AND 100),
        suffix text CHECK (length(suffix) <= 20),
        date_of_birth date NOT NULL,
        ssn_last4 text CHECK (ssn_last4 ~ '^[0-9]{4}$'),
        created_by_organization_id uuid REFERENCES organization(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT officer_post_id_unique UNIQUE (post_id)
      )`);
    await db.query(`CREATE INDEX officer_date_of_birth ON officer (date_of_birth)`);

    // Every name an officer is or was known by (kind 'current' and 'alias'), normalised by the
    // service (lower case, diacritics and punctuation removed) so that one trigram index serves
    // duplicate detection and hiring checks.
    await db.query(`
      CREATE TABLE officer_name (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        officer_id uuid NOT NULL REFERENCES officer(id),
        kind text NOT NULL CHECK (kind IN ('current', 'alias')),
        first_name text NOT NULL,
        last_name text NOT NULL,
        normalized_first text NOT NULL,
        normalized_last text NOT NULL,
        normalized_full text NOT NULL,
        date_of_birth date NOT NULL
      )`);
    await db.query(`CREATE INDEX officer_name_officer ON officer_name (officer_id)`);
    await db.query(`CREATE INDEX officer_name_full_trgm ON officer_name USING gin (normalized_full gin_trgm_ops)`);
    await db.query(`CREATE INDEX officer_name_dob_last ON officer_name (date_of_birth, normalized_last)`);

    await db.query(`
      CREATE TABLE employment (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        officer_id uuid NOT NULL REFERENCES officer(id),
        agency_id uuid NOT NULL REFERENCES organization(id),
        position text NOT NULL CHECK (length(btrim(position)) BETWEEN 1 AND 100),
        start_date date NOT NULL,
        end_date date CHECK (end_date IS NULL OR end_date >= start_date),
        separation_nature text CHECK (separation_nature IN ('resigned', 'retired', 'terminated', 'laid_off', 'deceased', 'other')),
        separation_reason text,
        under_investigation boolean,
        separation_notes text,
        hiring_check_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT employment_separation_complete CHECK (
          (end_date IS NULL AND separation_nature IS NULL AND under_investigation IS NULL)
          OR (end_date IS NOT NULL AND separation_nature IS NOT NULL AND under_investigation IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX employment_officer ON employment (officer_id, start_date)`);
    await db.query(`CREATE INDEX employment_agency ON employment (agency_id)`);
    // One open employment per officer and agency.
    await db.query(`CREATE UNIQUE INDEX employment_one_open_per_agency ON employment (officer_id, agency_id) WHERE end_date IS NULL`);

    await db.query(`
      CREATE TABLE course (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9_.-]{1,31}$'),
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 200),
        kind text NOT NULL CHECK (kind IN ('basic', 'in_service', 'specialized')),
        hours numeric(6,2) NOT NULL CHECK (hours > 0 AND hours <= 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT course_code_unique UNIQUE (code)
      )`);

    await db.query(`
      CREATE TABLE training_completion (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        academy_id uuid NOT NULL REFERENCES organization(id),
        officer_id uuid NOT NULL REFERENCES officer(id),
        course_id uuid NOT NULL REFERENCES course(id),
        completed_on date NOT NULL,
        hours numeric(6,2) NOT NULL CHECK (hours > 0 AND hours <= 2000),
        result text NOT NULL CHECK (result IN ('pass', 'fail')),
        external_ref text NOT NULL CHECK (length(external_ref) BETWEEN 1 AND 100),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT training_completion_external_ref_unique UNIQUE (academy_id, external_ref)
      )`);
    await db.query(`CREATE INDEX training_completion_officer ON training_completion (officer_id, completed_on)`);

    // One certification row per officer (its current state); the history is append-only.
    await db.query(`
      CREATE TABLE certification (
        officer_id uuid PRIMARY KEY REFERENCES officer(id),
        status text NOT NULL CHECK (status IN ('not_certified', 'certified', 'admin_suspended', 'suspended', 'revoked', 'lapsed', 'inactive', 'relinquished')),
        issued_on date,
        expires_on date,
        first_certified_on date,
        admin_suspension_reason text CHECK (admin_suspension_reason IN ('in_service_training', 'failure_to_report')),
        status_before_suspension text,
        suspension_case_id uuid,
        suspension_ends_on date,
        status_before_revocation text,
        revocation_case_id uuid,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (expires_on IS NULL OR issued_on IS NULL OR expires_on > issued_on)
      )`);
    await db.query(`CREATE INDEX certification_status_expiry ON certification (status, expires_on)`);

    await db.query(`
      CREATE TABLE certification_history (
        id bigserial PRIMARY KEY,
        officer_id uuid NOT NULL REFERENCES officer(id),
        from_status text NOT NULL,
        to_status text NOT NULL,
        reason text NOT NULL,
        basis text NOT NULL,
        case_id uuid,
        actor_id text,
        effective_on date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX certification_history_officer ON certification_history (officer_id, id)`);
    await db.query(
      `CREATE TRIGGER certification_history_append_only BEFORE UPDATE OR DELETE ON certification_history FOR EACH ROW EXECUTE FUNCTION forbid_change()`,
    );
    await db.query(
      `CREATE TRIGGER certification_history_no_truncate BEFORE TRUNCATE ON certification_history FOR EACH STATEMENT EXECUTE FUNCTION forbid_change()`,
    );

    // Restricted: a relinquishment application's disclosures (DOMAIN.md "What is public").
    await db.query(`
      CREATE TABLE relinquishment_disclosure (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        officer_id uuid NOT NULL REFERENCES officer(id),
        disclosures text NOT NULL,
        recorded_by text,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE TRIGGER relinquishment_disclosure_append_only BEFORE UPDATE OR DELETE ON relinquishment_disclosure FOR EACH ROW EXECUTE FUNCTION forbid_change()`,
    );

    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON certification_history, relinquishment_disclosure FROM post_registry_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `DROP TABLE relinquishment_disclosure, certification_history, certification, training_completion, course, employment, officer_name, officer`,
    );
    await db.query(`DROP SEQUENCE officer_post_number_seq`);
  }
}
