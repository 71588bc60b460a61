import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox (DESIGN.md "Outbox", DOMAIN.md "Monitoring and notices"): an event for the outside
 * world is written in the same transaction as the change it reports, and a job delivers it later.
 * Append-only for the service role except the relay's mark (`dispatched_at`): an event, once
 * committed, is neither rewritten nor lost.
 */
export class Outbox1765000000600 implements MigrationInterface {
  name = 'Outbox1765000000600';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE outbox_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigserial NOT NULL,
        type text NOT NULL CHECK (type IN ('officer.certification_changed', 'officer.separated', 'officer.case_opened', 'officer.final_action', 'officer.identity_changed')),
        officer_id uuid NOT NULL REFERENCES officer(id),
        data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
        occurred_at timestamptz NOT NULL DEFAULT now(),
        dispatched_at timestamptz
      )`);
    // The relay reads only what is waiting: a partial index stays as small as the backlog.
    await db.query(`CREATE INDEX outbox_event_waiting ON outbox_event (seq) WHERE dispatched_at IS NULL`);
    await db.query(`CREATE INDEX outbox_event_officer ON outbox_event (officer_id, seq)`);
    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON outbox_event FROM post_registry_app`);
    await db.query(`GRANT UPDATE (dispatched_at) ON outbox_event TO post_registry_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE outbox_event`);
  }
}
