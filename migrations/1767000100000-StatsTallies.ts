import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The last scans of GET /stats/overview become tallies (issue 23 benchmark), kept like
 * registry_tally's others (migration 1767000050100) by statement-level triggers in the writer's
 * transaction:
 *
 * - `hiring_check` in registry_tally: checks by the UTC day they were made and what they found,
 *   key `YYYY-MM-DD/<m><h>` (m = 1 when the check matched someone, h = 1 when a match was not
 *   hireable). hiring_check is append-only (no update, delete or truncate), so one trigger on
 *   INSERT adds one row per day and outcome per statement: one row for a single check. The read
 *   (stats.queries.ts) sums the UTC days that lie wholly inside one month of the registry's time
 *   zone and inside the range, and counts the checks of the few other days (a month's first local
 *   midnight, the range's ends) from hiring_check itself: exact whatever POST_TIME_ZONE is.
 * - `investigated_separation_tally`: separations under investigation per officer, a count per
 *   officer (upserted by the triggers on employment: inserts, updates including an officer merge
 *   moving rows, deletes, truncate), with a partial index on n >= 2: the wandering officers are an
 *   index scan of a few hundred rows instead of grouping every separation under investigation.
 *
 * Triggers first, then the backfill: CREATE TRIGGER locks each table against writes until this
 * migration commits, so no write falls between the two.
 */
export class StatsTallies1767000100000 implements MigrationInterface {
  name = 'StatsTallies1767000100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE registry_tally DROP CONSTRAINT registry_tally_tally_check`);
    await db.query(
      `ALTER TABLE registry_tally ADD CONSTRAINT registry_tally_tally_check CHECK (tally IN ('certification_status', 'case_status', 'decision', 'final_days', 'hiring_check'))`,
    );
    const checkKey = (h: string) =>
      `to_char(${h}.checked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || '/' || (cardinality(${h}.matched_officer_ids) > 0)::int || (${h}.answer -> 'matches' @> '[{"hireable": false}]')::int`;
    await db.query(`
      CREATE FUNCTION hiring_check_tally() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO registry_tally (tally, key, n) SELECT 'hiring_check', ${checkKey('h')}, count(*) FROM new_rows h GROUP BY 2;
        RETURN NULL;
      END $$`);
    await db.query(
      `CREATE TRIGGER hiring_check_tally_insert AFTER INSERT ON hiring_check REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION hiring_check_tally()`,
    );
    await db.query(`INSERT INTO registry_tally (tally, key, n) SELECT 'hiring_check', ${checkKey('h')}, count(*) FROM hiring_check h GROUP BY 2`);

    await db.query(`
      CREATE TABLE investigated_separation_tally (
        officer_id uuid PRIMARY KEY,
        n int NOT NULL
      )`);
    // No CHECK (n >= 0): an upsert checks the row it proposes (a negative delta) before it meets the conflict.
    await db.query(`CREATE INDEX investigated_separation_tally_wandering ON investigated_separation_tally (n DESC, officer_id) WHERE n >= 2`);
    const upsert = (deltas: string) => `
      INSERT INTO investigated_separation_tally (officer_id, n)
      SELECT officer_id, sum(d) FROM (${deltas}) AS x GROUP BY officer_id HAVING sum(d) <> 0 ORDER BY officer_id
      ON CONFLICT (officer_id) DO UPDATE SET n = investigated_separation_tally.n + excluded.n`;
    await db.query(`
      CREATE FUNCTION employment_investigated_tally() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          ${upsert(`SELECT officer_id, 1 AS d FROM new_rows WHERE under_investigation`)};
        ELSIF TG_OP = 'UPDATE' THEN
          ${upsert(`SELECT officer_id, -1 AS d FROM old_rows WHERE under_investigation UNION ALL SELECT officer_id, 1 FROM new_rows WHERE under_investigation`)};
        ELSIF TG_OP = 'DELETE' THEN
          ${upsert(`SELECT officer_id, -1 AS d FROM old_rows WHERE under_investigation`)};
        ELSE
          DELETE FROM investigated_separation_tally;
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(
      `CREATE TRIGGER employment_investigated_tally_insert AFTER INSERT ON employment REFERENCING NEW TABLE AS new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION employment_investigated_tally()`,
    );
    await db.query(
      `CREATE TRIGGER employment_investigated_tally_update AFTER UPDATE ON employment REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
         FOR EACH STATEMENT EXECUTE FUNCTION employment_investigated_tally()`,
    );
    await db.query(
      `CREATE TRIGGER employment_investigated_tally_delete AFTER DELETE ON employment REFERENCING OLD TABLE AS old_rows
         FOR EACH STATEMENT EXECUTE FUNCTION employment_investigated_tally()`,
    );
    await db.query(
      `CREATE TRIGGER employment_investigated_tally_truncate AFTER TRUNCATE ON employment FOR EACH STATEMENT EXECUTE FUNCTION employment_investigated_tally()`,
    );
    await db.query(
      `INSERT INTO investigated_separation_tally (officer_id, n) SELECT officer_id, count(*) FROM employment WHERE under_investigation GROUP BY officer_id`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    for (const op of ['insert', 'update', 'delete', 'truncate']) await db.query(`DROP TRIGGER employment_investigated_tally_${op} ON employment`);
    await db.query(`DROP FUNCTION employment_investigated_tally()`);
    await db.query(`DROP TABLE investigated_separation_tally`);
    await db.query(`DROP TRIGGER hiring_check_tally_insert ON hiring_check`);
    await db.query(`DROP FUNCTION hiring_check_tally()`);
    await db.query(`DELETE FROM registry_tally WHERE tally = 'hiring_check'`);
    await db.query(`ALTER TABLE registry_tally DROP CONSTRAINT registry_tally_tally_check`);
    await db.query(
      `ALTER TABLE registry_tally ADD CONSTRAINT registry_tally_tally_check CHECK (tally IN ('certification_status', 'case_status', 'decision', 'final_days'))`,
    );
  }
}
