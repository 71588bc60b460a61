import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18, a gap: an imported in-state revocation or suspension dated after the import's day
 * was stored (`imported_final_action`) but never bound the certification when its day came.
 * `certification_import_effect` belongs to the certification context: one row per such action,
 * written in the import's chunk, applied by the certification settlement (hourly) on the first
 * run on or after `effective_on`, which sets `applied_at`. The partial index is what the
 * settlement reads: only the effects not applied yet, by day.
 */
export class ImportedEffectsDue1767000070000 implements MigrationInterface {
  name = 'ImportedEffectsDue1767000070000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE certification_import_effect (
        id bigserial PRIMARY KEY,
        officer_id uuid NOT NULL REFERENCES officer (id),
        import_id uuid NOT NULL REFERENCES data_import (id),
        type text NOT NULL CONSTRAINT certification_import_effect_type_known CHECK (type IN ('revocation', 'suspension')),
        effective_on date NOT NULL,
        ends_on date CONSTRAINT certification_import_effect_ends_after CHECK (ends_on IS NULL OR ends_on > effective_on),
        created_at timestamptz NOT NULL DEFAULT now(),
        applied_at timestamptz
      )`);
    await db.query(`CREATE INDEX certification_import_effect_due ON certification_import_effect (effective_on, id) WHERE applied_at IS NULL`);
    await db.query(`CREATE INDEX certification_import_effect_officer ON certification_import_effect (officer_id)`);
    await db.query(`GRANT SELECT, INSERT, UPDATE ON certification_import_effect TO post_registry_app`);
    await db.query(`GRANT USAGE ON SEQUENCE certification_import_effect_id_seq TO post_registry_app`);
    await db.query(`REVOKE DELETE, TRUNCATE ON certification_import_effect FROM post_registry_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE certification_import_effect`);
  }
}
