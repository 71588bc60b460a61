import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19, notices to officers (555 CMR 12.00: the officer is told within 10 days of any
 * submission about them). The officer's `email` is restricted like the date of birth: never
 * public, never logged, shown only where the date of birth is. A `notice` is written in the
 * transaction of the submission it reports; its delivery (status, attempts, sent_at) is
 * updated by the sending job, outside that transaction. The address is never copied into
 * `notice`: the job reads the officer's current one.
 */
export class OfficerNotices1765000000700 implements MigrationInterface {
  name = 'OfficerNotices1765000000700';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE officer ADD COLUMN email text CONSTRAINT officer_email_shape CHECK (email ~ '^[^@\\s]+@[^@\\s]+$' AND length(email) <= 254)`);
    await db.query(`
      CREATE TABLE notice (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        officer_id uuid NOT NULL REFERENCES officer (id),
        kind text NOT NULL CONSTRAINT notice_kind_known CHECK (kind IN (
          'misconduct_report', 'report_amendment', 'separation', 'case_notice', 'case_decision',
          'imported_final_action', 'dispute_resolved', 'invitation')),
        subject_type text NOT NULL CONSTRAINT notice_subject_type_shape CHECK (subject_type ~ '^[a-z][a-z_]{0,39}$'),
        subject_id uuid NOT NULL,
        -- Who submitted what the notice reports, and a short public reference (a case number):
        -- the mail says what was submitted without reading another context's tables.
        submitted_by uuid REFERENCES organization (id),
        reference text CHECK (length(reference) <= 100),
        created_at timestamptz NOT NULL,
        due_by date NOT NULL,
        channel text NOT NULL CONSTRAINT notice_channel_known CHECK (channel IN ('email', 'portal')),
        status text NOT NULL CONSTRAINT notice_status_known CHECK (status IN ('queued', 'sent', 'failed', 'no_address', 'no_transport')),
        sent_at timestamptz,
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_attempt_at timestamptz,
        last_failure text CHECK (length(last_failure) <= 200),
        CONSTRAINT notice_sent_at_iff_sent CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
        CONSTRAINT notice_portal_without_address CHECK ((channel = 'portal') = (status = 'no_address'))
      )`);
    await db.query(`CREATE INDEX notice_officer_newest ON notice (officer_id, created_at DESC, id DESC)`);
    await db.query(`CREATE INDEX notice_newest ON notice (created_at DESC, id DESC)`);
    // The overdue list and the work queue read only the unsent ones, oldest deadline first.
    await db.query(`CREATE INDEX notice_unsent_by_due ON notice (due_by, id) WHERE status <> 'sent'`);
    await db.query(`GRANT SELECT, INSERT, UPDATE ON notice TO post_registry_app`);
    await db.query(`REVOKE DELETE, TRUNCATE ON notice FROM post_registry_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notice`);
    await db.query(`ALTER TABLE officer DROP COLUMN email`);
  }
}
