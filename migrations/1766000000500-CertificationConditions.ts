import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21, conditional certification (555 CMR 7.04, 9.10; DOMAIN.md "Conditional
 * certification"). `certification_condition` belongs to the certification context: one row
 * per condition a grant carried, `open` until the adjudicator records it `satisfied` with
 * evidence, or `superseded` when a later grant (certify again after a lapse) judged the
 * officer afresh. A condition is overdue while `open` and its `due_on` has passed: the work
 * queue's `condition_due` items read the partial index `certification_condition_open_by_due`
 * (`WHERE status = 'open'`, ordered by `due_on`). A closed condition never changes again
 * (trigger), and no condition is ever deleted.
 *
 * `admin_suspension_reason` gains `condition_unmet`: the suspension of an officer whose
 * condition is overdue.
 */
export class CertificationConditions1766000000500 implements MigrationInterface {
  name = 'CertificationConditions1766000000500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE certification_condition (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        officer_id uuid NOT NULL REFERENCES officer (id),
        basis text NOT NULL CONSTRAINT certification_condition_basis_allowed CHECK (basis IN ('training', 'leave', 'hardship', 'documents')),
        description text NOT NULL CONSTRAINT certification_condition_description_length CHECK (length(description) BETWEEN 1 AND 1000),
        -- The effective date of the grant that carried the condition.
        imposed_on date NOT NULL,
        due_on date NOT NULL,
        imposed_by text NOT NULL,
        created_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'open' CONSTRAINT certification_condition_status_known CHECK (status IN ('open', 'satisfied', 'superseded')),
        satisfied_on date,
        satisfied_by text,
        evidence text CONSTRAINT certification_condition_evidence_length CHECK (length(evidence) BETWEEN 1 AND 2000),
        closed_at timestamptz,
        CONSTRAINT certification_condition_due_after_imposed CHECK (due_on > imposed_on),
        CONSTRAINT certification_condition_closed_iff_not_open CHECK ((status = 'open') = (closed_at IS NULL)),
        CONSTRAINT certification_condition_satisfaction_iff_satisfied CHECK (
          (status = 'satisfied') = (satisfied_on IS NOT NULL AND satisfied_by IS NOT NULL AND evidence IS NOT NULL)
          AND (status = 'satisfied' OR (satisfied_on IS NULL AND satisfied_by IS NULL AND evidence IS NULL)))
      )`);
    await db.query(`CREATE INDEX certification_condition_officer ON certification_condition (officer_id, due_on, id)`);
    // The work queue (`condition_due`) and the admin_suspend guard read only open conditions, earliest due first.
    await db.query(`CREATE INDEX certification_condition_open_by_due ON certification_condition (due_on, id) WHERE status = 'open'`);
    await db.query(`
      CREATE FUNCTION certification_condition_closed_is_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status <> 'open' THEN
          RAISE EXCEPTION 'certification_condition % is % and cannot change', OLD.id, OLD.status USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(
      `CREATE TRIGGER certification_condition_closed_final BEFORE UPDATE ON certification_condition FOR EACH ROW EXECUTE FUNCTION certification_condition_closed_is_final()`,
    );
    await db.query(`GRANT SELECT, INSERT, UPDATE ON certification_condition TO post_registry_app`);
    await db.query(`REVOKE DELETE, TRUNCATE ON certification_condition FROM post_registry_app`);

    await db.query(`ALTER TABLE certification DROP CONSTRAINT certification_admin_suspension_reason_check`);
    await db.query(`
      ALTER TABLE certification ADD CONSTRAINT certification_admin_suspension_reason_check
        CHECK (admin_suspension_reason IN ('in_service_training', 'failure_to_report', 'condition_unmet'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE certification DROP CONSTRAINT certification_admin_suspension_reason_check`);
    await db.query(
      `ALTER TABLE certification ADD CONSTRAINT certification_admin_suspension_reason_check CHECK (admin_suspension_reason IN ('in_service_training', 'failure_to_report'))`,
    );
    await db.query(`DROP TABLE certification_condition`);
    await db.query(`DROP FUNCTION certification_condition_closed_is_final()`);
  }
}
