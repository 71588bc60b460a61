import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhook delivery (issue 19 item 2): a pending attempt is claimed by one process at a time with a
 * lease (`leased_until`), so a process killed mid-attempt leaves it to another once the lease runs
 * out, and however many processes run, an attempt is made by one of them. The due attempts are
 * found through a partial index as small as the backlog.
 */
export class WebhookDelivery1766000000100 implements MigrationInterface {
  name = 'WebhookDelivery1766000000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE webhook_attempt ADD COLUMN leased_until timestamptz`);
    await db.query(`CREATE INDEX webhook_attempt_due ON webhook_attempt (scheduled_at) WHERE status = 'pending'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX webhook_attempt_due`);
    await db.query(`ALTER TABLE webhook_attempt DROP COLUMN leased_until`);
  }
}
