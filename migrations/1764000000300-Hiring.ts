import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hiring checks (DOMAIN.md "Hiring checks"): every question an agency asked and the answer
 * it got, kept append-only because a hire is recorded only on the strength of one (and
 * because "we checked and were told yes" must be provable later).
 */
export class Hiring1764000000300 implements MigrationInterface {
  name = 'Hiring1764000000300';

  async up(db: QueryRunner): Promise<void> {
    // `query` is restricted (a date of birth): it stays in this table, never in audit details or logs.
    // `matched_officer_ids` is what the hire guard reads: the officers this check answered about.
    await db.query(`
      CREATE TABLE hiring_check (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        agency_id uuid NOT NULL REFERENCES organization(id),
        actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'api_key')),
        actor_id text NOT NULL,
        checked_at timestamptz NOT NULL,
        query_kind text NOT NULL CHECK (query_kind IN ('post_id', 'name')),
        query jsonb NOT NULL,
        answer jsonb NOT NULL,
        matched_officer_ids uuid[] NOT NULL,
        request_id text
      )`);
    // GET /hiring-checks: one agency's checks, newest first, keyset-paginated.
    await db.query(`CREATE INDEX hiring_check_agency ON hiring_check (agency_id, checked_at DESC, id DESC)`);
    await db.query(`CREATE TRIGGER hiring_check_append_only BEFORE UPDATE OR DELETE ON hiring_check FOR EACH ROW EXECUTE FUNCTION forbid_change()`);
    await db.query(`CREATE TRIGGER hiring_check_no_truncate BEFORE TRUNCATE ON hiring_check FOR EACH STATEMENT EXECUTE FUNCTION forbid_change()`);
    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON hiring_check FROM post_registry_app`);

    // A hire names the check that cleared it; the check must exist.
    await db.query(`ALTER TABLE employment ADD CONSTRAINT employment_hiring_check_fk FOREIGN KEY (hiring_check_id) REFERENCES hiring_check(id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE employment DROP CONSTRAINT employment_hiring_check_fk`);
    await db.query(`DROP TABLE hiring_check`);
  }
}
