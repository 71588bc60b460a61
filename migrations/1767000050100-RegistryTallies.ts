import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counts GET /stats/overview reads instead of scanning the registry on each request (issue 23
 * benchmark: counting a million certifications by status took ~0.6 s of PostgreSQL per request).
 *
 * `registry_tally` holds signed deltas: each statement that inserts, updates or deletes rows of a
 * counted table adds one row per key it changed (statement-level triggers over the transition
 * tables, in the writer's transaction, so a count is exactly as committed as the rows it counts;
 * one small insert per statement, no shared row to contend for). A count is the sum of its rows;
 * libs/workspace folds the rows of a tally into one per key when they grow many (stats.queries.ts).
 *
 * - `certification_status`: certifications by stored status (the effective one, with ended terms
 *   read lapsed, is settled at read time from the few rows whose term or suspension ended: indexes).
 * - `case_status`: cases by status.
 * - `decision`: `decide` events by `YYYY-MM-DD/<sanction>` (case_event is append-only).
 * - `final_days`: decisions become final (`finalize`, or an upheld appeal) by `YYYY-MM-DD/<days>`,
 *   the days from the earliest report the case was opened on (filed with the registry) to that
 *   day: the median's histogram. Reports are attached when a case opens, so the days are those
 *   the read computed from the same rows.
 *
 * The triggers are created before the counts are backfilled: CREATE TRIGGER locks each table
 * against writes until this migration commits, so no write falls between the two.
 */
export class RegistryTallies1767000050100 implements MigrationInterface {
  name = 'RegistryTallies1767000050100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE registry_tally (
        id bigserial PRIMARY KEY,
        tally text NOT NULL CHECK (tally IN ('certification_status', 'case_status', 'decision', 'final_days')),
        key text COLLATE "C" NOT NULL,
        n bigint NOT NULL
      )`);
    await db.query(`CREATE INDEX registry_tally_key ON registry_tally (tally, key) INCLUDE (n)`);

    for (const [table, tally] of [
      ['certification', 'certification_status'],
      ['commission_case', 'case_status'],
    ] as const) {
      await db.query(`
        CREATE FUNCTION ${table}_tally() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN
            INSERT INTO registry_tally (tally, key, n) SELECT '${tally}', status, count(*) FROM new_rows GROUP BY status;
          ELSIF TG_OP = 'UPDATE' THEN
            INSERT INTO registry_tally (tally, key, n)
            SELECT '${tally}', status, sum(d) FROM (SELECT status, -1 AS d FROM old_rows UNION ALL SELECT status, 1 FROM new_rows) AS x
             GROUP BY status HAVING sum(d) <> 0;
          ELSIF TG_OP = 'DELETE' THEN
            INSERT INTO registry_tally (tally, key, n) SELECT '${tally}', status, -count(*) FROM old_rows GROUP BY status;
          ELSE
            DELETE FROM registry_tally WHERE tally = '${tally}';
          END IF;
          RETURN NULL;
        END $$`);
      await db.query(
        `CREATE TRIGGER ${table}_tally_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_tally()`,
      );
      await db.query(
        `CREATE TRIGGER ${table}_tally_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
           FOR EACH STATEMENT EXECUTE FUNCTION ${table}_tally()`,
      );
      await db.query(
        `CREATE TRIGGER ${table}_tally_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION ${table}_tally()`,
      );
      await db.query(`CREATE TRIGGER ${table}_tally_truncate AFTER TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${table}_tally()`);
      await db.query(`INSERT INTO registry_tally (tally, key, n) SELECT '${tally}', status, count(*) FROM ${table} GROUP BY status`);
    }

    const decisionKey = (e: string) => `to_char(${e}.occurred_on, 'YYYY-MM-DD') || '/' || coalesce(${e}.payload ->> 'sanction', '')`;
    const finals = (events: string) => `
      SELECT 'final_days', to_char(e.occurred_on, 'YYYY-MM-DD') || '/' || (e.occurred_on - fr.filed_on), count(*)
        FROM ${events} e
       CROSS JOIN LATERAL (SELECT min(r.filed_on) AS filed_on FROM case_report cr JOIN misconduct_report r ON r.id = cr.report_id
                            WHERE cr.case_id = e.case_id) AS fr
       WHERE e.action IN ('finalize', 'resolve_appeal') AND e.to_status = 'final' AND fr.filed_on IS NOT NULL
       GROUP BY 2`;
    await db.query(`
      CREATE FUNCTION case_event_tally() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          INSERT INTO registry_tally (tally, key, n)
          SELECT 'decision', ${decisionKey('e')}, count(*) FROM new_rows e WHERE e.action = 'decide' GROUP BY 2;
          INSERT INTO registry_tally (tally, key, n) ${finals('new_rows')};
        ELSE
          DELETE FROM registry_tally WHERE tally IN ('decision', 'final_days');
        END IF;
        RETURN NULL;
      END $$`);
    await db.query(
      `CREATE TRIGGER case_event_tally_insert AFTER INSERT ON case_event REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION case_event_tally()`,
    );
    await db.query(`CREATE TRIGGER case_event_tally_truncate AFTER TRUNCATE ON case_event FOR EACH STATEMENT EXECUTE FUNCTION case_event_tally()`);
    await db.query(
      `INSERT INTO registry_tally (tally, key, n) SELECT 'decision', ${decisionKey('e')}, count(*) FROM case_event e WHERE e.action = 'decide' GROUP BY 2`,
    );
    await db.query(`INSERT INTO registry_tally (tally, key, n) ${finals('case_event')}`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['certification', 'commission_case'])
      for (const op of ['insert', 'update', 'delete', 'truncate']) await db.query(`DROP TRIGGER ${table}_tally_${op} ON ${table}`);
    for (const op of ['insert', 'truncate']) await db.query(`DROP TRIGGER case_event_tally_${op} ON case_event`);
    for (const fn of ['certification_tally', 'commission_case_tally', 'case_event_tally']) await db.query(`DROP FUNCTION ${fn}()`);
    await db.query(`DROP TABLE registry_tally`);
  }
}
