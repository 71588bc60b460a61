import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18, imports of a whole state's officers: the likely-duplicate search of an import's chunk
 * (same date of birth, `similarity(normalized_full, name) >= 0.5`, `findLikelyDuplicates`) read
 * every name born on each row's day through `officer_name_dob_last` and scored it: ~140 heap
 * rows and `similarity()` calls per name at 1,000,000 officers, ~1,000,000 per 5,000-row chunk,
 * growing with the registry. This index holds each name's trigrams beside its date of birth
 * (btree_gist for the date), so `date_of_birth = d AND normalized_full % name` reads only that
 * day's index entries and compares stored trigrams (pg_trgm's own count, the same figure as
 * `similarity()`), fetching only the names that match. btree_gist ships with PostgreSQL's
 * contrib, as pg_trgm does (in the embedded PostgreSQL too), and is a trusted extension.
 */
export class OfficerNameDobTrigram1767000120000 implements MigrationInterface {
  name = 'OfficerNameDobTrigram1767000120000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await db.query(`CREATE INDEX officer_name_dob_trgm ON officer_name USING gist (date_of_birth, normalized_full gist_trgm_ops)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX officer_name_dob_trgm`);
  }
}
