import PgBoss from 'pg-boss';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Durable jobs (pg-boss, DESIGN.md "Growing the house"): its schema `pgboss`, installed by the
 * owner, with what the requests' role needs to send a job inside its own transaction
 * (Jobs.sendInTransaction: pg-boss's INSERT reads the queue's settings and returns the job's
 * id), and nothing more. pg-boss's own connections log in as the owner: they create a table
 * for each new queue and upgrade the schema when a newer pg-boss starts (`migrate: true`).
 * `transaction = false`: pg-boss's construction script is its own transaction (BEGIN … COMMIT,
 * under an advisory lock).
 */
export class DurableJobs1765000000400 implements MigrationInterface {
  name = 'DurableJobs1765000000400';
  transaction = false;

  async up(db: QueryRunner): Promise<void> {
    const [{ installed }] = (await db.query(`SELECT to_regclass('pgboss.version') IS NOT NULL AS installed`)) as { installed: boolean }[];
    if (!installed) await db.query(PgBoss.getConstructionPlans('pgboss'));
    await db.query(`GRANT USAGE ON SCHEMA pgboss TO post_registry_app`);
    await db.query(`GRANT SELECT ON pgboss.queue TO post_registry_app`);
    await db.query(`GRANT SELECT, INSERT ON pgboss.job TO post_registry_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SCHEMA pgboss CASCADE`);
  }
}
