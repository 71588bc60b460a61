import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The periodic duplicate sweep (API.md "Identity changes and merges": possible duplicates
 * "found later by the same rules"). `duplicate_sweep_state`: one row, how far the sweep has
 * read the officers by creation time (`read_from`: the next run reads the officers created since, a
 * day's overlap for transactions that committed late). `officer_created`: the sweep's keyset.
 */
export class DuplicateSweep1767000080100 implements MigrationInterface {
  name = 'DuplicateSweep1767000080100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE duplicate_sweep_state (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        read_from timestamptz NOT NULL,
        finished_at timestamptz NOT NULL,
        officers_read integer NOT NULL CHECK (officers_read >= 0),
        pairs_found integer NOT NULL CHECK (pairs_found >= 0)
      )`);
    await db.query(`REVOKE DELETE, TRUNCATE ON duplicate_sweep_state FROM post_registry_app`);
    await db.query(`CREATE INDEX officer_created ON officer (created_at, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX officer_created`);
    await db.query(`DROP TABLE duplicate_sweep_state`);
  }
}
