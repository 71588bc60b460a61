import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refusals (`access.refused`) recorded without the audit chain's lock (issue 17, item 5): a
 * refusal is one INSERT here, committed before its 403/404 is answered, and a folder moves
 * pending rows into the hash-chained `audit_log`, in `id` order, many at a time, in one
 * transaction under the chain's lock (DELETE ... RETURNING, then the chained INSERT): a row
 * leaves this table only in the transaction that chains it, so none is lost, a crash included.
 * Rows are never edited: UPDATE is refused by trigger and not granted; DELETE is granted to the
 * requests' role because folding is that role's work.
 */
export class AuditPending1765000000300 implements MigrationInterface {
  name = 'AuditPending1765000000300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_pending (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_kind text NOT NULL,
        actor_id text,
        organization_id uuid,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        request_id text,
        details jsonb NOT NULL
      )`);
    await db.query(`CREATE TRIGGER audit_pending_no_update BEFORE UPDATE ON audit_pending FOR EACH ROW EXECUTE FUNCTION forbid_change()`);
    await db.query(`CREATE TRIGGER audit_pending_no_truncate BEFORE TRUNCATE ON audit_pending FOR EACH STATEMENT EXECUTE FUNCTION forbid_change()`);
    await db.query(`REVOKE ALL ON audit_pending FROM post_registry_app`);
    await db.query(`GRANT SELECT, INSERT, DELETE ON audit_pending TO post_registry_app`);
    await db.query(`GRANT USAGE ON SEQUENCE audit_pending_id_seq TO post_registry_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_pending`);
  }
}
