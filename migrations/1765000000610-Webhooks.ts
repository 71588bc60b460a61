import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agencies' webhooks (API.md "Monitoring: rosters and webhooks"): the endpoints, one message per
 * (event, endpoint) with the `webhook-id` every attempt carries, and the delivery log, one row per
 * attempt. The log is history: the service role may add and settle attempts, never delete them.
 */
export class Webhooks1765000000610 implements MigrationInterface {
  name = 'Webhooks1765000000610';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE webhook_endpoint (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organization(id),
        url text NOT NULL CHECK (length(url) BETWEEN 1 AND 2048),
        events text[] NOT NULL CHECK (cardinality(events) >= 1),
        description text CHECK (length(description) <= 500),
        -- AES-256-GCM under a key derived from the service's secret (libs/notifications webhook-secret.ts).
        sealed_secret bytea NOT NULL,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'failing', 'disabled')),
        failing_since timestamptz,
        disabled_at timestamptz,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz
      )`);
    await db.query(`CREATE INDEX webhook_endpoint_organization ON webhook_endpoint (organization_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);

    await db.query(`
      CREATE TABLE webhook_message (
        id text PRIMARY KEY CHECK (id ~ '^msg_[A-Za-z0-9_-]{16,}$'),
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoint(id),
        event_id uuid REFERENCES outbox_event(id),
        type text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- One message per event and endpoint, however many relays ran: duplicates are the receiver's only by retry.
        CONSTRAINT webhook_message_event_endpoint UNIQUE (event_id, endpoint_id)
      )`);

    await db.query(`
      CREATE TABLE webhook_attempt (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        message_id text NOT NULL REFERENCES webhook_message(id),
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoint(id),
        attempt integer NOT NULL CHECK (attempt >= 1),
        status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
        response_status integer,
        duration_ms integer,
        error text,
        scheduled_at timestamptz NOT NULL,
        attempted_at timestamptz,
        next_attempt_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT webhook_attempt_number UNIQUE (message_id, attempt)
      )`);
    await db.query(`CREATE INDEX webhook_attempt_endpoint ON webhook_attempt (endpoint_id, created_at DESC, id DESC)`);
    await db.query(`REVOKE DELETE, TRUNCATE ON webhook_endpoint, webhook_message, webhook_attempt FROM post_registry_app`);
    await db.query(`REVOKE UPDATE ON webhook_message FROM post_registry_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE webhook_attempt`);
    await db.query(`DROP TABLE webhook_message`);
    await db.query(`DROP TABLE webhook_endpoint`);
  }
}
