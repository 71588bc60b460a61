import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity changes and merges (API.md "Identity changes and merges", DOMAIN.md same heading).
 *
 * - `officer_name.alias_kind`: an alias is a `prior_name` (a name the officer bore: marriage,
 *   divorce, court order) or a `nickname`; NULL on an alias row reads as `prior_name`, the only
 *   kind before this migration. Matching reads every row alike.
 * - `officer_identity_correction`: the restricted before and after of a corrected date of birth
 *   or SSN digits. The audit entry names the correction and the fields, never the values
 *   (DOMAIN.md "What is public": restricted values stay out of the audit details and the logs).
 * - `possible_duplicate`: pairs of records that may be one person (created with
 *   `confirmDistinct`, flagged by an import, found later by the same rule), one row per pair
 *   whatever the order, for the commission's list and work queue.
 * - `officer_merge`: one row per merged record, naming its survivor. The append-only tables that
 *   carry an officer id (training completions, certification history, hiring checks, imported
 *   final actions) are never rewritten: their reads follow the merge through
 *   `officer_lineage(survivor)`; `officer_survivor(id)` answers a merged record's POST ID.
 * - `training_completion_void`: a completion recorded in error (who, when, why); the completion
 *   stays, append-only, and stops counting.
 */
export class IdentityChanges1766000000800 implements MigrationInterface {
  name = 'IdentityChanges1766000000800';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE officer_name ADD COLUMN alias_kind text CONSTRAINT officer_name_alias_kind_known CHECK (alias_kind IN ('nickname', 'prior_name'))`,
    );
    await db.query(`ALTER TABLE officer_name ADD CONSTRAINT officer_name_alias_kind_only_alias CHECK (alias_kind IS NULL OR kind = 'alias')`);

    await db.query(`
      CREATE TABLE officer_identity_correction (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        officer_id uuid NOT NULL REFERENCES officer(id),
        before jsonb NOT NULL CHECK (jsonb_typeof(before) = 'object'),
        after jsonb NOT NULL CHECK (jsonb_typeof(after) = 'object'),
        reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 2000),
        actor_id text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX officer_identity_correction_officer ON officer_identity_correction (officer_id, recorded_at)`);
    await this.appendOnly(db, 'officer_identity_correction');

    await db.query(`
      CREATE TABLE possible_duplicate (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        officer_id uuid NOT NULL REFERENCES officer(id),
        other_officer_id uuid NOT NULL REFERENCES officer(id),
        source text NOT NULL CHECK (source IN ('confirm_distinct', 'import', 'detected')),
        import_id uuid REFERENCES data_import(id),
        match_score numeric(4,3) CHECK (match_score BETWEEN 0 AND 1),
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed', 'merged')),
        resolution_reason text CHECK (length(resolution_reason) <= 2000),
        resolved_by text,
        resolved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (officer_id <> other_officer_id),
        CHECK ((status = 'open') = (resolved_at IS NULL))
      )`);
    await db.query(
      `CREATE UNIQUE INDEX possible_duplicate_pair ON possible_duplicate (least(officer_id, other_officer_id), greatest(officer_id, other_officer_id))`,
    );
    await db.query(`CREATE INDEX possible_duplicate_open ON possible_duplicate (created_at, id) WHERE status = 'open'`);
    await db.query(`CREATE INDEX possible_duplicate_other ON possible_duplicate (other_officer_id)`);
    await db.query(`REVOKE DELETE, TRUNCATE ON possible_duplicate FROM post_registry_app`);

    await db.query(`
      CREATE TABLE officer_merge (
        duplicate_officer_id uuid PRIMARY KEY REFERENCES officer(id),
        survivor_officer_id uuid NOT NULL REFERENCES officer(id),
        reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 2000),
        different_birth_dates boolean NOT NULL,
        actor_id text NOT NULL,
        actor_organization_id uuid REFERENCES organization(id),
        merged_at timestamptz NOT NULL DEFAULT now(),
        CHECK (duplicate_officer_id <> survivor_officer_id)
      )`);
    await db.query(`CREATE INDEX officer_merge_survivor ON officer_merge (survivor_officer_id)`);
    await this.appendOnly(db, 'officer_merge');
    // Every officer id whose records are now the given officer's: itself and all merged into it, at any depth.
    await db.query(`
      CREATE FUNCTION officer_lineage(survivor uuid) RETURNS uuid[] LANGUAGE sql STABLE AS $$
        WITH RECURSIVE merged(id) AS (
          SELECT survivor
          UNION
          SELECT m.duplicate_officer_id FROM officer_merge m JOIN merged ON m.survivor_officer_id = merged.id)
        SELECT array_agg(id) FROM merged
      $$`);
    // The record that answers for an officer id: itself, or the survivor its merges lead to.
    await db.query(`
      CREATE FUNCTION officer_survivor(officer uuid) RETURNS uuid LANGUAGE sql STABLE AS $$
        WITH RECURSIVE chain(id, depth) AS (
          SELECT officer, 0
          UNION ALL
          SELECT m.survivor_officer_id, chain.depth + 1 FROM officer_merge m JOIN chain ON m.duplicate_officer_id = chain.id WHERE chain.depth < 100)
        SELECT id FROM chain ORDER BY depth DESC LIMIT 1
      $$`);

    await db.query(`
      CREATE TABLE training_completion_void (
        completion_id uuid PRIMARY KEY REFERENCES training_completion(id),
        reason text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 2000),
        voided_by text NOT NULL,
        voided_by_organization_id uuid REFERENCES organization(id),
        voided_at timestamptz NOT NULL DEFAULT now()
      )`);
    await this.appendOnly(db, 'training_completion_void');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE training_completion_void`);
    await db.query(`DROP FUNCTION officer_survivor(uuid)`);
    await db.query(`DROP FUNCTION officer_lineage(uuid)`);
    await db.query(`DROP TABLE officer_merge, possible_duplicate, officer_identity_correction`);
    await db.query(`ALTER TABLE officer_name DROP CONSTRAINT officer_name_alias_kind_only_alias`);
    await db.query(`ALTER TABLE officer_name DROP COLUMN alias_kind`);
  }

  /** DESIGN.md rule 12: a trigger for the owner, and no UPDATE/DELETE/TRUNCATE for the service role. */
  private async appendOnly(db: QueryRunner, table: string): Promise<void> {
    await db.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION forbid_change()`);
    await db.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION forbid_change()`);
    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${table} FROM post_registry_app`);
  }
}
