import { MigrationInterface, QueryRunner } from 'typeorm';

const ZERO = `'00000000-0000-0000-0000-000000000000'::uuid`;

/**
 * Disputes move with a merge (API.md "Identity changes and merges": everything of the duplicate
 * moves to the survivor). A dispute's officer was fixed for good (`dispute_resolved_for_good`);
 * it may now change in one way only: to the survivor of a recorded merge of its officer, with
 * `merged_from_officer_id` keeping the record it was opened against and nothing else changed,
 * open or resolved. One open dispute per part of the record stays the rule for each record as
 * opened: the survivor and a duplicate may both have disputed their identity; after the merge
 * both stay open, each to be resolved.
 */
export class DisputesFollowMerge1767000080000 implements MigrationInterface {
  name = 'DisputesFollowMerge1767000080000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE dispute ADD COLUMN merged_from_officer_id uuid REFERENCES officer (id)`);
    await db.query(`DROP INDEX dispute_one_open_per_subject`);
    await db.query(`
      CREATE UNIQUE INDEX dispute_one_open_per_subject
        ON dispute (officer_id, coalesce(merged_from_officer_id, officer_id), subject_type, coalesce(subject_id, ${ZERO})) WHERE status = 'open'`);
    await db.query(`
      CREATE OR REPLACE FUNCTION dispute_resolved_for_good() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.officer_id <> OLD.officer_id OR NEW.merged_from_officer_id IS DISTINCT FROM OLD.merged_from_officer_id THEN
          IF NOT EXISTS (SELECT 1 FROM officer_merge m WHERE m.duplicate_officer_id = OLD.officer_id AND m.survivor_officer_id = NEW.officer_id)
             OR NEW.merged_from_officer_id IS DISTINCT FROM coalesce(OLD.merged_from_officer_id, OLD.officer_id)
             OR (NEW.subject_type, NEW.subject_id, NEW.statement, NEW.opened_by, NEW.opened_at, NEW.status, NEW.outcome, NEW.reason, NEW.resolved_by, NEW.resolved_at)
                IS DISTINCT FROM
                (OLD.subject_type, OLD.subject_id, OLD.statement, OLD.opened_by, OLD.opened_at, OLD.status, OLD.outcome, OLD.reason, OLD.resolved_by, OLD.resolved_at) THEN
            RAISE EXCEPTION 'dispute % moves only to the survivor of a merge of its officer', OLD.id USING ERRCODE = 'check_violation';
          END IF;
          RETURN NEW;
        END IF;
        IF OLD.status <> 'open' THEN
          RAISE EXCEPTION 'dispute % is already resolved', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.subject_type <> OLD.subject_type OR NEW.subject_id IS DISTINCT FROM OLD.subject_id
           OR NEW.statement <> OLD.statement OR NEW.opened_by <> OLD.opened_by OR NEW.opened_at <> OLD.opened_at THEN
          RAISE EXCEPTION 'dispute % may only be resolved', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION dispute_resolved_for_good() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await db.query(`DROP INDEX dispute_one_open_per_subject`);
    await db.query(`
      CREATE UNIQUE INDEX dispute_one_open_per_subject
        ON dispute (officer_id, subject_type, coalesce(subject_id, ${ZERO})) WHERE status = 'open'`);
    await db.query(`ALTER TABLE dispute DROP COLUMN merged_from_officer_id`);
  }
}
