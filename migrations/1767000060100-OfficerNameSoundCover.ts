import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21, the public name search at national scale: the surname-first key on the stored codes
 * (1767000060000), with what the search ranks included, so that the ~500 names that sound like a
 * two-word query are read from the index alone (an index-only scan where the visibility map
 * allows) instead of ~500 heap pages. Replaces the expression index `officer_name_sound_key`
 * (the same key, computed).
 */
export class OfficerNameSoundCover1767000060100 implements MigrationInterface {
  name = 'OfficerNameSoundCover1767000060100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX officer_name_sound_cover ON officer_name (last_code, first_code) INCLUDE (officer_id, post_id, normalized_full)`);
    await db.query(`DROP INDEX IF EXISTS officer_name_sound_key`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX IF NOT EXISTS officer_name_sound_key ON officer_name (dmetaphone(normalized_last), dmetaphone(normalized_first))`);
    await db.query(`DROP INDEX officer_name_sound_cover`);
  }
}
