import { FixedClock } from '@app/core';
import { csv, runImport } from '../support/import-helpers';
import { bearer, startTestApp, TestApp } from '../support/test-app';

/**
 * The likely-duplicate rule of an officers import (set-wise, `findLikelyDuplicates` through the
 * GiST `officer_name_dob_trgm`) finds the pairs `POST /officers` finds (one officer at a time,
 * through `officer_name_dob_last`), on names chosen near the rule's edges: similarity just over
 * and just under 0.5, swapped words, aliases and middle names, accents and punctuation, the same
 * name on another day. The same people go through both paths in the same order, each path on
 * its own days (the days shifted by 20 years, which changes neither equality of days nor
 * names): `POST /officers?confirmDistinct=true` records each officer's candidates in the
 * commission's list as `confirm_distinct`, the import records its flags as `import`.
 */
describe('imports: officers, the likely-duplicate rule of POST /officers (e2e)', () => {
  let t: TestApp;
  let admin: string;

  interface Person {
    first: string;
    middle?: string;
    last: string;
    day: number;
    aliases?: string[];
  }
  // Not one pair here matches by POST /officers' own further rules alone (nicknames, sounds, spellings:
  // "Dina Kowalczik" for Dana Kowalczyk, "Anna Li" for Ann Lee), which the import does not apply.
  const PEOPLE: Person[] = [
    { first: 'Alice', last: 'Walker', day: 1 },
    { first: 'Alicia', last: 'Walker', day: 1 },
    { first: 'Alice', last: 'Walker', day: 2 },
    { first: 'Walker', last: 'Alice', day: 1 },
    { first: 'Alice', last: 'Walkerton', day: 1 },
    { first: 'Robert', middle: 'Quentin', last: 'Stone', day: 3 },
    { first: 'Quentin', last: 'Stone', day: 3 },
    { first: 'Rob', last: 'Stoner', day: 3 },
    { first: 'Dana', last: 'Fairweather', day: 4, aliases: ['Dana Kowalczyk'] },
    { first: 'Dana', last: 'Kowalczyk', day: 4 },
    { first: 'José', last: 'Núñez-García', day: 5 },
    { first: 'Jose', last: 'Nunez Garcia', day: 5 },
    { first: 'Mary-Kate', last: "O'Neil", day: 6 },
    { first: 'Marykate', last: 'Oneil', day: 6 },
    { first: 'Christopher', last: 'Hemsworth', day: 7 },
    { first: 'Christophe', last: 'Hemsworthy', day: 7 },
    { first: 'Chris', last: 'Hemsworth', day: 7 },
    { first: 'Ann', last: 'Lee', day: 8 },
    { first: 'Anne', last: 'Lee', day: 8 },
    { first: 'Xavier', last: 'Quinteros', day: 9 },
    { first: 'Zed', last: 'Quinteros', day: 9 },
  ];
  const dayOf = (base: number, day: number) => `${base}-0${Math.ceil(day / 28)}-${String(((day - 1) % 28) + 1).padStart(2, '0')}`;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date('2025-07-01T15:00:00Z')) });
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  /** Pairs of people (by index, later first) in the commission's list from `source`, for officers born in `year`. */
  async function pairs(source: string, year: number): Promise<string[]> {
    const rows = await t.db.query<{ a: string; b: string; da: string; db: string }>(
      `SELECT a.post_id AS a, b.post_id AS b, a.date_of_birth::text AS da, b.date_of_birth::text AS db
         FROM possible_duplicate p JOIN officer a ON a.id = p.officer_id JOIN officer b ON b.id = p.other_officer_id
        WHERE p.source = $1 AND extract(year FROM a.date_of_birth) = $2`,
      [source, year],
    );
    const index = await indexByPostId(year);
    return rows.rows.map((r) => [index.get(r.a)!, index.get(r.b)!].sort((x, y) => y - x).join('~')).sort();
  }
  /** Each officer born in `year`, by POST ID: its place in PEOPLE (one officer per person and year, created in order). */
  async function indexByPostId(year: number): Promise<Map<string, number>> {
    const rows = await t.db.query<{ post_id: string }>(`SELECT post_id FROM officer WHERE extract(year FROM date_of_birth) = $1 ORDER BY created_at, post_id`, [
      year,
    ]);
    expect(rows.rows).toHaveLength(PEOPLE.length);
    return new Map(rows.rows.map((r, i) => [r.post_id, i]));
  }

  it('should flag the same pairs as POST /officers, and none across days', async () => {
    for (const p of PEOPLE) {
      const response = await t
        .http()
        .post('/api/v1/officers?confirmDistinct=true')
        .set(bearer(admin))
        .send({
          firstName: p.first,
          ...(p.middle ? { middleName: p.middle } : {}),
          lastName: p.last,
          dateOfBirth: dayOf(1961, p.day),
          aliases: (p.aliases ?? []).map((a) => ({ firstName: a.split(' ')[0], lastName: a.split(' ')[1] })),
        });
      expect(response.status).toBe(201);
      // One at a time, so that created_at orders them as the file's rows are ordered.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const done = await runImport(
      t,
      admin,
      'officers',
      csv(
        'sourceId,firstName,middleName,lastName,dateOfBirth,aliases',
        PEOPLE.map((p, i) => [`R-${i}`, p.first, p.middle ?? '', p.last, dayOf(1981, p.day), (p.aliases ?? []).join('|')].map((v) => `"${v}"`).join(',')),
      ),
    );
    expect(done).toMatchObject({ status: 'succeeded', accepted: PEOPLE.length, rejected: 0 });

    const byPost = await pairs('confirm_distinct', 1961);
    const byImport = await pairs('import', 1981);
    expect(byImport).toEqual(byPost);
    // The set is not trivial: pairs found by a swapped name, an alias, a middle name, accents; none across days.
    for (const pair of ['3~0', '9~8', '6~5', '7~5', '11~10', '13~12']) expect(byImport).toContain(pair);
    expect(byImport).not.toContain('2~0');
    expect(byImport.length).toBeLessThan((PEOPLE.length * (PEOPLE.length - 1)) / 2);
  });

  it("should flag the same pairs among a dry run's rows as between the officers it would create", async () => {
    const dry = await runImport(
      t,
      admin,
      'officers',
      csv(
        'sourceId,firstName,middleName,lastName,dateOfBirth,aliases',
        PEOPLE.map((p, i) => [`D-${i}`, p.first, p.middle ?? '', p.last, dayOf(1971, p.day), (p.aliases ?? []).join('|')].map((v) => `"${v}"`).join(',')),
      ),
      { dryRun: true },
    );
    expect(dry).toMatchObject({ status: 'succeeded', dryRun: true, accepted: PEOPLE.length });
    const flags = await t.http().get(`/api/v1/imports/${dry.id}/flags?limit=500`).set(bearer(admin));
    const found = (flags.body.items as { row: number; candidates: { row?: number; postId: string | null }[] }[])
      .flatMap((f) => f.candidates.map((c) => `${f.row - 1}~${c.row! - 1}`))
      .sort();
    expect(found).toEqual(await pairs('import', 1981));
  });
});
