import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the commission's workspace (issue 23: GET /work-queue, /stats/overview,
 * /audit?postId=, /hiring-checks for the commission), which reads the registry through SQL and
 * owns no table. Each serves one query at a million officers (docs/performance.md).
 */
export class WorkspaceIndexes1766000000200 implements MigrationInterface {
  name = 'WorkspaceIndexes1766000000200';

  async up(db: QueryRunner): Promise<void> {
    // certification_expiring: the queue walks certified terms by end date, officer id (its keyset).
    await db.query(`CREATE INDEX certification_certified_expiry ON certification (expires_on, officer_id) WHERE status = 'certified'`);
    // Every agency's checks newest first (the commission's list), and checks per month (the figures).
    await db.query(`CREATE INDEX hiring_check_newest ON hiring_check (checked_at DESC, id DESC)`);
    // The checks that found one officer (?postId=, and the officer's audit).
    await db.query(`CREATE INDEX hiring_check_matched_officers ON hiring_check USING gin (matched_officer_ids)`);
    // Wandering officers: separations under investigation, per officer.
    await db.query(`CREATE INDEX employment_under_investigation ON employment (officer_id) WHERE under_investigation`);
    // late_report: late reports by deadline.
    await db.query(`CREATE INDEX misconduct_report_late ON misconduct_report (due_on, id) WHERE late`);
    // Decisions per month, and the days from report to final decision.
    await db.query(`CREATE INDEX case_event_decisions ON case_event (action, occurred_on) WHERE action IN ('decide', 'finalize', 'resolve_appeal')`);
    // An officer's audit: entries naming the officer by POST ID or officer ids in their details.
    await db.query(`CREATE INDEX audit_log_post_id ON audit_log ((details ->> 'postId'), seq) WHERE details ? 'postId'`);
    await db.query(`CREATE INDEX audit_log_officer_ids ON audit_log USING gin ((details -> 'officerIds')) WHERE details ? 'officerIds'`);
    // webhook_failing: endpoints failing, by since when.
    await db.query(`CREATE INDEX webhook_endpoint_failing ON webhook_endpoint (failing_since, id) WHERE status = 'failing' AND deleted_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const index of [
      'certification_certified_expiry',
      'hiring_check_newest',
      'hiring_check_matched_officers',
      'employment_under_investigation',
      'misconduct_report_late',
      'case_event_decisions',
      'audit_log_post_id',
      'audit_log_officer_ids',
      'webhook_endpoint_failing',
    ])
      await db.query(`DROP INDEX ${index}`);
  }
}
