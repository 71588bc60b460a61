import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each `officer_name` row carries its officer's POST ID, copied by a trigger, never by the
 * application: the public name search orders matches by rank then POST ID, and with the POST
 * ID beside the name it sorts the matches first and reads only a page's officers (a common
 * surname matches ~37,000 officers among 1M: 1.2 s -> 0.5 s on the bench). A POST ID is
 * lifelong and never changes (DOMAIN.md "Entities", API.md `POST /officers`); a trigger now
 * refuses a change, which keeps the copies true.
 *
 * The backfill rewrites every name row (1.3M on the bench: ~35 s) and leaves the table and its
 * indexes twice their size; a large registry should run `VACUUM FULL officer_name` after it
 * (measured: trigram index 106 -> 40 MB, and a search step 58 -> 16 ms). A migration runs in a
 * transaction, where VACUUM cannot.
 */
export class OfficerNamePostId1764000000500 implements MigrationInterface {
  name = 'OfficerNamePostId1764000000500';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE officer_name ADD COLUMN post_id text`);
    await db.query(`UPDATE officer_name n SET post_id = o.post_id FROM officer o WHERE o.id = n.officer_id`);
    await db.query(`ALTER TABLE officer_name ALTER COLUMN post_id SET NOT NULL`);
    await db.query(`
      CREATE FUNCTION officer_name_copy_post_id() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.post_id := (SELECT post_id FROM officer WHERE id = NEW.officer_id);
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER officer_name_post_id BEFORE INSERT OR UPDATE ON officer_name FOR EACH ROW EXECUTE FUNCTION officer_name_copy_post_id()`);
    await db.query(`
      CREATE FUNCTION forbid_post_id_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a POST ID never changes: % refused for %', TG_OP, OLD.post_id USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER officer_post_id_fixed BEFORE UPDATE OF post_id ON officer
        FOR EACH ROW WHEN (OLD.post_id IS DISTINCT FROM NEW.post_id) EXECUTE FUNCTION forbid_post_id_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER officer_post_id_fixed ON officer`);
    await db.query(`DROP FUNCTION forbid_post_id_change()`);
    await db.query(`DROP TRIGGER officer_name_post_id ON officer_name`);
    await db.query(`DROP FUNCTION officer_name_copy_post_id()`);
    await db.query(`ALTER TABLE officer_name DROP COLUMN post_id`);
  }
}
