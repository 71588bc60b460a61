import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * GET /work-queue's case deadlines from an index each (issue 23 benchmark): the queue read every
 * open case's four clocks out of `state` and sorted them on each request (~35,000 cases at a
 * million officers). One partial expression index per clock, over the day the clock runs from
 * and the case id, each with the clock's own condition as its predicate: the queue's part for
 * that clock is an index range scan of one page. The clock's length (the appeal window, the
 * interim-hearing limit: configuration) is added at query time, so nothing stored depends on
 * it; the due dates stay those of the pure rules in libs/discipline (test/e2e/work-queue-clocks).
 *
 * `registry_iso_date(text)`: a `YYYY-MM-DD` text to a date without `::date`, whose parse depends
 * on DateStyle (stable, so no index may use it); make_date is immutable. The state's dates are
 * written by the workflow as ISO dates.
 */
export class WorkQueueCaseClocks1767000050000 implements MigrationInterface {
  name = 'WorkQueueCaseClocks1767000050000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION registry_iso_date(iso text) RETURNS date
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT make_date(substr(iso, 1, 4)::int, substr(iso, 6, 2)::int, substr(iso, 9, 2)::int) $$`);
    // response_due: a notice issued and not answered.
    await db.query(`
      CREATE INDEX commission_case_response_due ON commission_case (registry_iso_date(state -> 'notice' ->> 'responseDueOn'), id)
       WHERE status = 'notice_issued' AND jsonb_typeof(state -> 'response') IS DISTINCT FROM 'object'`);
    // hearing: the scheduled day.
    await db.query(`
      CREATE INDEX commission_case_hearing_on ON commission_case (registry_iso_date(state -> 'hearing' ->> 'hearingOn'), id)
       WHERE status = 'hearing_scheduled'`);
    // interim_hearing: from the day the suspension took effect, while a requested hearing is neither held nor waived.
    await db.query(`
      CREATE INDEX commission_case_interim_hearing ON commission_case (registry_iso_date(state -> 'interimSuspension' ->> 'suspendedOn'), id)
       WHERE status IN ('open', 'notice_issued', 'hearing_scheduled', 'heard', 'decided', 'appealed')
         AND jsonb_typeof(state -> 'interimSuspension') = 'object'
         AND state -> 'interimSuspension' ->> 'endedOn' IS NULL
         AND state -> 'interimSuspension' ->> 'hearingRequestedOn' IS NOT NULL
         AND state -> 'interimSuspension' ->> 'hearingHeldOn' IS NULL
         AND (state -> 'interimSuspension' ->> 'hearingWaived')::boolean IS NOT TRUE`);
    // appeal_window: from the day of the decision.
    await db.query(`
      CREATE INDEX commission_case_appeal_window ON commission_case (registry_iso_date(state -> 'decision' ->> 'decidedOn'), id)
       WHERE status = 'decided'`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const index of ['commission_case_response_due', 'commission_case_hearing_on', 'commission_case_interim_hearing', 'commission_case_appeal_window'])
      await db.query(`DROP INDEX ${index}`);
    await db.query(`DROP FUNCTION registry_iso_date(text)`);
  }
}
