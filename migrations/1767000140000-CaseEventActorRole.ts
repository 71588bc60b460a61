import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The role an entry of a case's timeline was taken in (the case timeline's "By"): the one of the
 * actor's roles that the action allows (DOMAIN.md: the investigator prosecutes, the adjudicator
 * decides; the officer answers a notice). A role, never who: no new personal data. Entries written
 * before this column (and any written outside the workflow) keep null and read "The commission".
 */
export class CaseEventActorRole1767000140000 implements MigrationInterface {
  name = 'CaseEventActorRole1767000140000';

  async up(db: QueryRunner): Promise<void> {
    // No default and no rewrite: the append-only trigger (a row trigger) is not fired by adding a column.
    await db.query(
      `ALTER TABLE case_event ADD COLUMN actor_role text
         CONSTRAINT case_event_actor_role_check CHECK (actor_role IN ('commission_investigator', 'commission_adjudicator', 'officer'))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE case_event DROP COLUMN actor_role`);
  }
}
