import type { Pool } from 'pg';

/**
 * Seeds a registry of `officers` officers straight in SQL (generate_series, no API), as the
 * officers context writes them: officer, its `current` officer_name row plus an alias for
 * 30% of them (a former surname or a nickname), one certification each (mostly certified,
 * some revoked, suspended or lapsed), employment at one of 50 agencies for 60%, and a few
 * open cases and sustained reports so the discipline reads find something.
 */
const FIRST = ['James', 'Mary', 'John', 'Patricia', 'Robert', 'Jennifer', 'Michael', 'Linda', 'William', 'Elizabeth', 'David', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen', 'Christopher', 'Nancy', 'Daniel', 'Lisa', 'Matthew', 'Betty', 'Anthony', 'Margaret', 'Mark', 'Sandra', 'Donald', 'Ashley', 'Steven', 'Kimberly', 'Paul', 'Emily', 'Andrew', 'Donna', 'Joshua', 'Michelle', 'Kenneth', 'Carol', 'Kevin', 'Amanda', 'Brian', 'Melissa', 'George', 'Deborah', 'Timothy', 'Stephanie', 'Jan', 'Piotr', 'Jose', 'Maria', 'Luis', 'Ana', 'Wei', 'Mei', 'Ahmed', 'Fatima'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Kowalczyk', 'Nowak', 'Wisniewski', 'Smith-Jones', "O'Brien", 'Sullivan', 'Murphy', 'Kelly', 'Walsh', 'McCarthy'];
/** Surnames are made rarer than the list: a list word plus a number-derived syllable pair. */
const SYLLABLES = ['', '', '', 'son', 'ton', 'ley', 'man', 'berg', 'field', 'wood', 'ford', 'ski', 'ova', 'ez', 'er', 'ing'];

const sqlArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`;

export interface SeededSample {
  postId: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
}

export async function seedRegistry(db: Pool, officers: number, log: (line: string) => void): Promise<{ certified: SeededSample; agencyIds: string[] }> {
  const started = Date.now();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const t0 = Date.now();
    await db.query(sql, params);
    log(`  ${label}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };
  await db.query(`SET maintenance_work_mem = '512MB'`);
  await step(
    'agencies',
    `INSERT INTO organization (type, name, code) SELECT 'agency', 'Bench Agency ' || g, 'BENCH-AG-' || g FROM generate_series(1, 50) g ON CONFLICT DO NOTHING`,
  );
  const agencyIds = (await db.query(`SELECT id FROM organization WHERE code LIKE 'BENCH-AG-%' ORDER BY code`)).rows.map((r: { id: string }) => r.id);

  // Bulk load: drop the trigram index and build it once afterwards (far cheaper than 1.3M GIN inserts).
  await db.query(`DROP INDEX IF EXISTS officer_name_full_trgm`);
  await step(
    'officers',
    `INSERT INTO officer (post_id, first_name, last_name, date_of_birth)
     SELECT 'MA-' || lpad(g::text, 7, '0'),
            (${sqlArray(FIRST)})[(1 + (g * 7919) % ${FIRST.length})::int],
            (${sqlArray(LAST)})[(1 + (g * 104729) % ${LAST.length})::int] || (${sqlArray(SYLLABLES)})[(1 + (g / 7) % ${SYLLABLES.length})::int],
            DATE '1955-01-01' + ((g * 2654435761) % 18250)::int
       FROM generate_series(1::bigint, $1::bigint) g`,
    [officers],
  );
  await db.query(`SELECT setval('officer_post_number_seq', $1::bigint)`, [officers]);
  await step(
    'names',
    `INSERT INTO officer_name (officer_id, kind, first_name, last_name, normalized_first, normalized_last, normalized_full, date_of_birth)
     SELECT id, 'current', first_name, last_name, lower(first_name),
            lower(regexp_replace(regexp_replace(last_name, '''', '', 'g'), '-', ' ', 'g')),
            lower(first_name) || ' ' || lower(regexp_replace(regexp_replace(last_name, '''', '', 'g'), '-', ' ', 'g')), date_of_birth
       FROM officer`,
  );
  // 30%: half a former surname, half a nickname (same surname, short given name).
  await step(
    'aliases',
    `INSERT INTO officer_name (officer_id, kind, first_name, last_name, normalized_first, normalized_last, normalized_full, date_of_birth)
     SELECT id, 'alias', a.first_name, a.last_name, lower(a.first_name), lower(a.last_name), lower(a.first_name || ' ' || a.last_name), date_of_birth
       FROM (SELECT o.id, o.date_of_birth,
                    CASE WHEN n % 2 = 0 THEN o.first_name ELSE left(o.first_name, 3) END AS first_name,
                    CASE WHEN n % 2 = 0 THEN (${sqlArray(LAST.filter((l) => !/['-]/.test(l)))})[1 + n % 50] ELSE o.last_name END AS last_name
               FROM (SELECT id, first_name, last_name, date_of_birth, substring(post_id, 4)::int AS n FROM officer) o
              WHERE o.n % 10 < 3) a`,
  );
  await step('trigram index', `CREATE INDEX officer_name_full_trgm ON officer_name USING gin (normalized_full gin_trgm_ops)`);
  await step(
    'certifications',
    `INSERT INTO certification (officer_id, status, issued_on, expires_on, first_certified_on, revocation_case_id, status_before_revocation)
     SELECT id,
            CASE WHEN n % 50 = 0 THEN 'revoked' WHEN n % 50 = 1 THEN 'lapsed' WHEN n % 50 = 2 THEN 'not_certified' ELSE 'certified' END,
            CASE WHEN n % 50 = 2 THEN NULL WHEN n % 50 = 1 THEN DATE '2020-01-01' ELSE DATE '2025-01-01' END,
            CASE WHEN n % 50 = 2 THEN NULL WHEN n % 50 = 1 THEN DATE '2023-01-01' ELSE DATE '2028-01-01' END,
            CASE WHEN n % 50 = 2 THEN NULL ELSE DATE '2020-01-01' END,
            NULL,
            CASE WHEN n % 50 = 0 THEN 'certified' END
       FROM (SELECT id, substring(post_id, 4)::int AS n FROM officer) o`,
  );
  await step(
    'employment',
    `INSERT INTO employment (officer_id, agency_id, position, start_date, end_date, separation_nature, under_investigation)
     SELECT o.id, ($1::uuid[])[1 + o.n % 50], 'Patrol Officer', DATE '2015-01-01' + (o.n % 3000),
            CASE WHEN o.n % 10 = 9 THEN DATE '2024-06-30' END,
            CASE WHEN o.n % 10 = 9 THEN 'resigned' END,
            CASE WHEN o.n % 10 = 9 THEN (o.n % 7 = 0) END
       FROM (SELECT id, substring(post_id, 4)::int AS n FROM officer) o
      WHERE o.n % 10 < 6 OR o.n % 10 = 9`,
    [agencyIds],
  );
  await step(
    'open cases',
    `INSERT INTO commission_case (case_number, officer_id, status, version, summary, state, opened_by)
     SELECT '2025-' || lpad(row_number() OVER ()::text, 6, '0'), id, 'open', 1, 'Bench case',
            '{"decision": null, "appeal": null, "grounds": []}'::jsonb, 'bench'
       FROM officer WHERE substring(post_id, 4)::int % 97 = 0`,
  );
  await step('analyze', `ANALYZE`);
  log(`  seeded ${officers.toLocaleString('en-US')} officers in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // A certified officer with no alias, to query by POST ID and by a misspelt name.
  const { rows } = await db.query(
    `SELECT o.post_id, o.first_name, o.last_name, to_char(o.date_of_birth, 'YYYY-MM-DD') AS dob
       FROM officer o JOIN certification c ON c.officer_id = o.id
      WHERE c.status = 'certified' AND o.last_name = 'Kowalczyk'
      ORDER BY o.post_id DESC LIMIT 1`,
  );
  return { certified: { postId: rows[0].post_id, firstName: rows[0].first_name, lastName: rows[0].last_name, dateOfBirth: rows[0].dob }, agencyIds };
}
