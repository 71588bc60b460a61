import { MigrationInterface, QueryRunner } from 'typeorm';
// Only files without path-alias imports (the migration also runs from the tests' global set-up).
// Live code on purpose: officer_name must hold what normalizeName gives today; a change to
// normalizeName needs a migration that re-normalises every row (these included) anyway.
import { middleNameRow } from '../libs/officers/src/domain/middle-name';
import { normalizePersonName } from '../libs/officers/src/domain/name-normalization';

const BATCH = 5000;

/**
 * An officer who goes by the middle name ("Paul Jones" for John Paul Jones) gets an
 * `officer_name` row of kind `middle`: the middle name as given name, with the current
 * surname. Hiring checks, duplicate detection and the public search then find them by it.
 * Existing officers are backfilled with the same functions the service writes new rows with
 * (`middleNameRow`, `normalizePersonName`: names are normalised in Node, as every other row
 * was), in pages by officer id.
 */
export class OfficerNameMiddle1764000000700 implements MigrationInterface {
  name = 'OfficerNameMiddle1764000000700';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE officer_name DROP CONSTRAINT officer_name_kind_check`);
    await db.query(`ALTER TABLE officer_name ADD CONSTRAINT officer_name_kind_check CHECK (kind IN ('current', 'alias', 'middle'))`);
    for (let after = '00000000-0000-0000-0000-000000000000'; ;) {
      const officers = (await db.query(
        `SELECT id, first_name, middle_name, last_name, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth
           FROM officer WHERE id > $1 AND middle_name IS NOT NULL ORDER BY id LIMIT $2`,
        [after, BATCH],
      )) as { id: string; first_name: string; middle_name: string; last_name: string; date_of_birth: string }[];
      const rows = officers.flatMap((o) => {
        const middle = middleNameRow({ firstName: o.first_name, middleName: o.middle_name, lastName: o.last_name });
        if (!middle) return [];
        const normalized = normalizePersonName(middle.firstName, middle.lastName);
        return [[o.id, middle.firstName, middle.lastName, normalized.first, normalized.last, normalized.full, o.date_of_birth]];
      });
      if (rows.length > 0) {
        // One statement a page: the columns as arrays, unnested (the post_id trigger fills post_id).
        const column = (i: number) => rows.map((row) => row[i]);
        await db.query(
          `INSERT INTO officer_name (officer_id, kind, first_name, last_name, normalized_first, normalized_last, normalized_full, date_of_birth)
           SELECT o, 'middle', f, l, nf, nl, nfull, d::date
             FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) AS t(o, f, l, nf, nl, nfull, d)`,
          [0, 1, 2, 3, 4, 5, 6].map(column),
        );
      }
      if (officers.length < BATCH) return;
      after = officers[officers.length - 1].id;
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM officer_name WHERE kind = 'middle'`);
    await db.query(`ALTER TABLE officer_name DROP CONSTRAINT officer_name_kind_check`);
    await db.query(`ALTER TABLE officer_name ADD CONSTRAINT officer_name_kind_check CHECK (kind IN ('current', 'alias'))`);
  }
}
