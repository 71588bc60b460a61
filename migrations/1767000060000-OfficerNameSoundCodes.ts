import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21, lookups at national scale: the double-metaphone codes of each name's given and family
 * parts, computed by PostgreSQL on every insert and update of `officer_name` (generated columns;
 * `dmetaphone` and `dmetaphone_alt` are immutable). A hiring check by name, and the possible
 * duplicate search of a check by POST ID, compare the query with every name of the officers born
 * on its day: read stored, the codes cost nothing per check, where computing them for the day's
 * ~100 names cost ~2 ms of PostgreSQL CPU a check on the 1M-officer bench. The rest of the
 * evidence (trigram similarity, Levenshtein) is computed in the service from those rows.
 */
export class OfficerNameSoundCodes1767000060000 implements MigrationInterface {
  name = 'OfficerNameSoundCodes1767000060000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE officer_name
        ADD COLUMN first_code text GENERATED ALWAYS AS (dmetaphone(normalized_first)) STORED,
        ADD COLUMN first_alt text GENERATED ALWAYS AS (dmetaphone_alt(normalized_first)) STORED,
        ADD COLUMN last_code text GENERATED ALWAYS AS (dmetaphone(normalized_last)) STORED,
        ADD COLUMN last_alt text GENERATED ALWAYS AS (dmetaphone_alt(normalized_last)) STORED`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE officer_name DROP COLUMN first_code, DROP COLUMN first_alt, DROP COLUMN last_code, DROP COLUMN last_alt`);
  }
}
