import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 18, imports of a whole state's officers: `officer_name.post_id` stays its officer's POST
 * ID whatever a writer puts there (1764000000500), but a bulk insert no longer pays a PL/pgSQL
 * call and a lookup per row (7,500 a chunk of 5,000 officers: ~0.7-1.2 s of a chunk on the
 * 1M-officer bench). The row trigger now fills only a missing POST ID (`POST /officers` gives
 * none); a statement-level trigger then corrects, in one statement over the inserted rows, every
 * given POST ID that is not the officer's (an import gives the right ones: nothing to write).
 * An UPDATE still recomputes the copy row by row (rare: a merge, a corrected date of birth).
 * The correction probes `officer` by primary key (a hash join would read the whole table).
 */
export class OfficerNamePostIdSetWise1767000120100 implements MigrationInterface {
  name = 'OfficerNamePostIdSetWise1767000120100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER officer_name_post_id ON officer_name`);
    await db.query(
      `CREATE TRIGGER officer_name_post_id BEFORE INSERT ON officer_name FOR EACH ROW WHEN (NEW.post_id IS NULL) EXECUTE FUNCTION officer_name_copy_post_id()`,
    );
    await db.query(`CREATE TRIGGER officer_name_post_id_update BEFORE UPDATE ON officer_name FOR EACH ROW EXECUTE FUNCTION officer_name_copy_post_id()`);
    await db.query(`
      CREATE FUNCTION officer_name_correct_post_ids() RETURNS trigger LANGUAGE plpgsql
        SET enable_hashjoin = off SET enable_mergejoin = off AS $$
      BEGIN
        UPDATE officer_name n SET post_id = o.post_id
          FROM inserted i JOIN officer o ON o.id = i.officer_id
         WHERE n.id = i.id AND i.post_id IS DISTINCT FROM o.post_id;
        RETURN NULL;
      END $$`);
    await db.query(
      `CREATE TRIGGER officer_name_post_id_given AFTER INSERT ON officer_name REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION officer_name_correct_post_ids()`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER officer_name_post_id_given ON officer_name`);
    await db.query(`DROP FUNCTION officer_name_correct_post_ids()`);
    await db.query(`DROP TRIGGER officer_name_post_id_update ON officer_name`);
    await db.query(`DROP TRIGGER officer_name_post_id ON officer_name`);
    await db.query(`CREATE TRIGGER officer_name_post_id BEFORE INSERT OR UPDATE ON officer_name FOR EACH ROW EXECUTE FUNCTION officer_name_copy_post_id()`);
  }
}
