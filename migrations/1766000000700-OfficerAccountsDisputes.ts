import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 22, the officer's own record (API.md "Officers' own accounts", DOMAIN.md "The officer's
 * own record").
 *
 * An officer's account is an `app_user` bound to one officer and to no organization: exactly one
 * of `organization_id` and `officer_id` is set, and an officer's account holds the role `officer`
 * alone (no staff role may ride on it, and no staff account may hold `officer`). One account per
 * officer. It has no password until the invitation is used (`POST /auth/activate`).
 *
 * A `dispute` names one part of an officer's record (the identity, the certification, or one
 * training completion, employment or misconduct report) and stays `open` until the commission
 * resolves it. While open, the part it names is shown `disputed` to agencies and the commission;
 * the work queue lists it. One open dispute per part; a resolution is written once (the trigger
 * refuses any change to a resolved dispute and any change of what an open one says).
 */
export class OfficerAccountsDisputes1766000000700 implements MigrationInterface {
  name = 'OfficerAccountsDisputes1766000000700';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE app_user ALTER COLUMN organization_id DROP NOT NULL`);
    await db.query(`ALTER TABLE app_user ALTER COLUMN password_hash DROP NOT NULL`);
    await db.query(`ALTER TABLE app_user ADD COLUMN officer_id uuid REFERENCES officer (id)`);
    await db.query(`
      ALTER TABLE app_user
        ADD CONSTRAINT app_user_organization_or_officer CHECK ((organization_id IS NULL) = (officer_id IS NOT NULL)),
        ADD CONSTRAINT app_user_officer_role_alone CHECK ((officer_id IS NOT NULL) = (roles = ARRAY['officer']::text[])),
        ADD CONSTRAINT app_user_officer_role_only_on_officer CHECK (officer_id IS NOT NULL OR NOT ('officer' = ANY (roles))),
        ADD CONSTRAINT app_user_password_unless_invited CHECK (password_hash IS NOT NULL OR officer_id IS NOT NULL)`);
    await db.query(`CREATE UNIQUE INDEX app_user_one_account_per_officer ON app_user (officer_id) WHERE officer_id IS NOT NULL`);

    await db.query(`
      CREATE TABLE dispute (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        officer_id uuid NOT NULL REFERENCES officer (id),
        subject_type text NOT NULL CONSTRAINT dispute_subject_type_known CHECK (subject_type IN (
          'identity', 'training_completion', 'employment', 'misconduct_report', 'certification')),
        -- The record disputed; none for the officer's identity and certification (one of each per officer).
        subject_id uuid,
        statement text NOT NULL CHECK (length(btrim(statement)) BETWEEN 1 AND 4000),
        status text NOT NULL DEFAULT 'open' CONSTRAINT dispute_status_known CHECK (status IN ('open', 'resolved')),
        opened_by uuid NOT NULL REFERENCES app_user (id),
        opened_at timestamptz NOT NULL,
        outcome text CONSTRAINT dispute_outcome_known CHECK (outcome IN ('corrected', 'rejected', 'referred')),
        reason text CHECK (length(btrim(reason)) BETWEEN 1 AND 4000),
        -- Who resolved it: a user's or an API key's id (the audit entry names which).
        resolved_by text,
        resolved_at timestamptz,
        CONSTRAINT dispute_subject_id_when_record CHECK ((subject_id IS NULL) = (subject_type IN ('identity', 'certification'))),
        CONSTRAINT dispute_resolution_complete CHECK (
          (status = 'open' AND outcome IS NULL AND reason IS NULL AND resolved_by IS NULL AND resolved_at IS NULL)
          OR (status = 'resolved' AND outcome IS NOT NULL AND reason IS NOT NULL AND resolved_by IS NOT NULL AND resolved_at IS NOT NULL))
      )`);
    await db.query(`CREATE INDEX dispute_officer_newest ON dispute (officer_id, opened_at DESC, id DESC)`);
    await db.query(`CREATE INDEX dispute_by_status_newest ON dispute (status, opened_at DESC, id DESC)`);
    // The "disputed" mark of a read: the open disputes of a page of records, by subject.
    await db.query(`CREATE INDEX dispute_open_by_subject ON dispute (subject_type, subject_id) WHERE status = 'open'`);
    await db.query(`CREATE INDEX dispute_open_by_officer ON dispute (officer_id, subject_type) WHERE status = 'open'`);
    await db.query(`
      CREATE UNIQUE INDEX dispute_one_open_per_subject
        ON dispute (officer_id, subject_type, coalesce(subject_id, '00000000-0000-0000-0000-000000000000'::uuid)) WHERE status = 'open'`);
    await db.query(`
      CREATE FUNCTION dispute_resolved_for_good() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status <> 'open' THEN
          RAISE EXCEPTION 'dispute % is already resolved', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.officer_id <> OLD.officer_id OR NEW.subject_type <> OLD.subject_type OR NEW.subject_id IS DISTINCT FROM OLD.subject_id
           OR NEW.statement <> OLD.statement OR NEW.opened_by <> OLD.opened_by OR NEW.opened_at <> OLD.opened_at THEN
          RAISE EXCEPTION 'dispute % may only be resolved', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER dispute_resolved_for_good BEFORE UPDATE ON dispute FOR EACH ROW EXECUTE FUNCTION dispute_resolved_for_good()`);
    await db.query(`GRANT SELECT, INSERT, UPDATE ON dispute TO post_registry_app`);
    await db.query(`REVOKE DELETE, TRUNCATE ON dispute FROM post_registry_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE dispute`);
    await db.query(`DROP FUNCTION dispute_resolved_for_good()`);
    await db.query(`DROP INDEX app_user_one_account_per_officer`);
    await db.query(`
      ALTER TABLE app_user
        DROP CONSTRAINT app_user_organization_or_officer,
        DROP CONSTRAINT app_user_officer_role_alone,
        DROP CONSTRAINT app_user_officer_role_only_on_officer,
        DROP CONSTRAINT app_user_password_unless_invited`);
    await db.query(`ALTER TABLE app_user DROP COLUMN officer_id`);
    await db.query(`ALTER TABLE app_user ALTER COLUMN password_hash SET NOT NULL`);
    await db.query(`ALTER TABLE app_user ALTER COLUMN organization_id SET NOT NULL`);
  }
}
