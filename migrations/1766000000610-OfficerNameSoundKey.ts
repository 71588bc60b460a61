import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 21, the public name search at national scale: a surname-first key. The double-metaphone
 * codes of a name's family and given names, so that a two-word query ("Wei Kowalsky") finds the
 * names that sound like it through a btree (a few hundred rows among 1.8 million) instead of
 * every name sharing a trigram with it through the GIN index (98 ms of CPU per search on the
 * 1M-officer bench). `dmetaphone` is immutable, so the key is an expression index, filled by
 * PostgreSQL on every insert and update of `officer_name`: no column to keep in step.
 */
export class OfficerNameSoundKey1766000000610 implements MigrationInterface {
  name = 'OfficerNameSoundKey1766000000610';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX IF NOT EXISTS officer_name_sound_key ON officer_name (dmetaphone(normalized_last), dmetaphone(normalized_first))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX officer_name_sound_key`);
  }
}
