import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Training completions are regulated records: a correction is a new record, never an edit
 * (research/aesthetics.md §7.10). The service role loses UPDATE, DELETE and TRUNCATE; the
 * owner keeps them for migrations and for the import benchmark's clean-up.
 */
export class TrainingRecordsAppendOnly1764000000400 implements MigrationInterface {
  name = 'TrainingRecordsAppendOnly1764000000400';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON training_completion FROM post_registry_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`GRANT UPDATE, DELETE ON training_completion TO post_registry_app`);
  }
}
