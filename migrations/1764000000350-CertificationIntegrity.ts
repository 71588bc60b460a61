import { MigrationInterface, QueryRunner } from 'typeorm';

const STATUSES = `'not_certified', 'certified', 'admin_suspended', 'suspended', 'revoked', 'lapsed', 'inactive', 'relinquished'`;

/**
 * What the certification service relies on beyond RegistryCore: the daily job's lookup of
 * suspensions that end, the state machine's invariants on the hidden statuses, and the
 * restricted disclosures bounded and truncate-proof like every append-only table.
 */
export class CertificationIntegrity1764000000350 implements MigrationInterface {
  name = 'CertificationIntegrity1764000000350';

  async up(db: QueryRunner): Promise<void> {
    // settleDue: (status, expires_on) serves lapses; this serves fixed-term suspensions.
    await db.query(`CREATE INDEX certification_suspension_due ON certification (suspension_ends_on) WHERE status = 'suspended'`);
    // A suspension never hides a suspension or revocation; a revocation never hides a revocation.
    await db.query(`
      ALTER TABLE certification
        ADD CONSTRAINT certification_status_before_suspension_check
          CHECK (status_before_suspension IS NULL OR (status_before_suspension IN (${STATUSES}) AND status_before_suspension NOT IN ('suspended', 'revoked'))),
        ADD CONSTRAINT certification_status_before_revocation_check
          CHECK (status_before_revocation IS NULL OR (status_before_revocation IN (${STATUSES}) AND status_before_revocation <> 'revoked'))`);
    await db.query(`
      ALTER TABLE certification_history
        ADD CONSTRAINT certification_history_from_status_check CHECK (from_status IN (${STATUSES})),
        ADD CONSTRAINT certification_history_to_status_check CHECK (to_status IN (${STATUSES}))`);
    await db.query(`ALTER TABLE relinquishment_disclosure ADD CONSTRAINT relinquishment_disclosure_length CHECK (length(disclosures) BETWEEN 1 AND 10000)`);
    await db.query(`CREATE INDEX relinquishment_disclosure_officer ON relinquishment_disclosure (officer_id)`);
    await db.query(
      `CREATE TRIGGER relinquishment_disclosure_no_truncate BEFORE TRUNCATE ON relinquishment_disclosure FOR EACH STATEMENT EXECUTE FUNCTION forbid_change()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER relinquishment_disclosure_no_truncate ON relinquishment_disclosure`);
    await db.query(`DROP INDEX relinquishment_disclosure_officer`);
    await db.query(`ALTER TABLE relinquishment_disclosure DROP CONSTRAINT relinquishment_disclosure_length`);
    await db.query(
      `ALTER TABLE certification_history DROP CONSTRAINT certification_history_from_status_check, DROP CONSTRAINT certification_history_to_status_check`,
    );
    await db.query(
      `ALTER TABLE certification DROP CONSTRAINT certification_status_before_suspension_check, DROP CONSTRAINT certification_status_before_revocation_check`,
    );
    await db.query(`DROP INDEX certification_suspension_due`);
  }
}
