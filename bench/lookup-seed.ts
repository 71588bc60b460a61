import type { Pool } from 'pg';

/**
 * Seeds a registry of `officers` officers straight in SQL (generate_series, no API), as the
 * officers context writes them: officer, its `current` officer_name row, a `middle` row for the
 * half with a middle name (the middle name as given name), an alias for 30% of them (a former
 * surname or a nickname), one certification each (mostly certified,
 * some revoked, suspended or lapsed), employment at one of 50 agencies for 60%, and a few
 * open cases so the discipline reads find something. Bench-only shortcuts: sequential UUIDs and
 * secondary indexes dropped during the load and rebuilt from their exact definitions.
 */
const FIRST = [
  'James',
  'Mary',
  'John',
  'Patricia',
  'Robert',
  'Jennifer',
  'Michael',
  'Linda',
  'William',
  'Elizabeth',
  'David',
  'Barbara',
  'Richard',
  'Susan',
  'Joseph',
  'Jessica',
  'Thomas',
  'Sarah',
  'Charles',
  'Karen',
  'Christopher',
  'Nancy',
  'Daniel',
  'Lisa',
  'Matthew',
  'Betty',
  'Anthony',
  'Margaret',
  'Mark',
  'Sandra',
  'Donald',
  'Ashley',
  'Steven',
  'Kimberly',
  'Paul',
  'Emily',
  'Andrew',
  'Donna',
  'Joshua',
  'Michelle',
  'Kenneth',
  'Carol',
  'Kevin',
  'Amanda',
  'Brian',
  'Melissa',
  'George',
  'Deborah',
  'Timothy',
  'Stephanie',
  'Jan',
  'Piotr',
  'Jose',
  'Maria',
  'Luis',
  'Ana',
  'Wei',
  'Mei',
  'Ahmed',
  'Fatima',
];
const LAST = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Perez',
  'Thompson',
  'White',
  'Harris',
  'Sanchez',
  'Clark',
  'Ramirez',
  'Lewis',
  'Robinson',
  'Walker',
  'Young',
  'Allen',
  'King',
  'Wright',
  'Scott',
  'Torres',
  'Nguyen',
  'Hill',
  'Flores',
  'Green',
  'Adams',
  'Nelson',
  'Baker',
  'Hall',
  'Rivera',
  'Campbell',
  'Mitchell',
  'Carter',
  'Roberts',
  'Kowalczyk',
  'Nowak',
  'Wisniewski',
  'Smith-Jones',
  "O'Brien",
  'Sullivan',
  'Murphy',
  'Kelly',
  'Walsh',
  'McCarthy',
];
/** Surnames are made rarer than the list: a list word plus a hash-picked syllable. */
const SYLLABLES = ['', '', '', 'son', 'ton', 'ley', 'man', 'berg', 'field', 'wood', 'ford', 'ski', 'ova', 'ez', 'er', 'ing'];

const sqlArray = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]::text[]`;

export interface SeededSample {
  postId: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
}

/** Sequential UUIDs (bench only): appends to the primary-key btrees instead of 1.3M random inserts. */
const seqUuid = (prefix: string, n: string) => `('00000000-0000-4000-${prefix}-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
/** A well-mixed pseudo-random index 1..size from a row number and a salt. */
const pick = (n: string, salt: number, size: number) => `(1 + abs(hashint4((${n})::int * 7 + ${salt})) % ${size})`;
/** What `normalizeName` gives for the ASCII names above: apostrophes dropped, hyphens as spaces, lower case. */
const normalized = (column: string) => `lower(replace(replace(${column}, '''', ''), '-', ' '))`;

const SEEDED_TABLES = ['officer', 'officer_name', 'employment', 'certification', 'certification_history', 'commission_case'];

export async function seedRegistry(db: Pool, officers: number, log: (line: string) => void): Promise<{ agencyIds: string[] }> {
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

  // Bulk load: drop the secondary indexes (their exact definitions kept from pg_indexes) and build them once afterwards.
  const { rows: indexes } = await db.query<{ indexname: string; indexdef: string }>(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname JOIN pg_index x ON x.indexrelid = c.oid
      WHERE i.schemaname = 'public' AND i.tablename = ANY($1) AND NOT x.indisprimary AND NOT x.indisunique`,
    [SEEDED_TABLES],
  );
  for (const index of indexes) await db.query(`DROP INDEX ${index.indexname}`);
  try {
    await step(
      'officers',
      `WITH f AS (SELECT ${sqlArray(FIRST)} AS first, ${sqlArray(LAST)} AS last, ${sqlArray(SYLLABLES)} AS syllable)
       INSERT INTO officer (id, post_id, first_name, middle_name, last_name, date_of_birth)
       SELECT ${seqUuid('8000', 'g')}, 'MA-' || lpad(g::text, 7, '0'),
              f.first[${pick('g', 1, FIRST.length)}],
              CASE WHEN g % 2 = 0 THEN f.first[${pick('g', 6, FIRST.length)}] END,
              f.last[${pick('g', 2, LAST.length)}] || f.syllable[${pick('g', 3, SYLLABLES.length)}],
              DATE '1955-01-01' + abs(hashint4(g::int)) % 18250
         FROM generate_series(1, $1::int) g CROSS JOIN f`,
      [officers],
    );
    await db.query(`SELECT setval('officer_post_number_seq', $1::bigint)`, [officers]);
    await step(
      'names',
      `INSERT INTO officer_name (id, officer_id, kind, first_name, last_name, normalized_first, normalized_last, normalized_full, date_of_birth)
       SELECT ${seqUuid('9000', 'substring(post_id, 4)::int')}, id, 'current', first_name, last_name, lower(first_name), ${normalized('last_name')},
              lower(first_name) || ' ' || ${normalized('last_name')}, date_of_birth
         FROM officer`,
    );
    // As `middleNameRow` writes them: not for a middle name that repeats the given name.
    await step(
      'middle names',
      `INSERT INTO officer_name (id, officer_id, kind, first_name, last_name, normalized_first, normalized_last, normalized_full, date_of_birth)
       SELECT ${seqUuid('c000', 'substring(post_id, 4)::int')}, id, 'middle', middle_name, last_name, lower(middle_name), ${normalized('last_name')},
              lower(middle_name) || ' ' || ${normalized('last_name')}, date_of_birth
         FROM officer WHERE middle_name IS NOT NULL AND lower(middle_name) <> lower(first_name)`,
    );
    // 30%: half a former surname, half a nickname (same surname, shorter given name).
    await step(
      'aliases',
      `WITH f AS (SELECT ${sqlArray(LAST.filter((l) => !/['-]/.test(l)))} AS last)
       INSERT INTO officer_name (id, officer_id, kind, first_name, last_name, normalized_first, normalized_last, normalized_full, date_of_birth)
       SELECT ${seqUuid('a000', 'a.n')}, a.id, 'alias', a.first_name, a.last_name, lower(a.first_name), ${normalized('a.last_name')},
              lower(a.first_name) || ' ' || ${normalized('a.last_name')}, a.date_of_birth
         FROM (SELECT o.id, o.n, o.date_of_birth,
                      CASE WHEN o.n % 2 = 0 THEN o.first_name ELSE left(o.first_name, 3) END AS first_name,
                      CASE WHEN o.n % 2 = 0 THEN f.last[${pick('o.n', 4, 50)}] ELSE o.last_name END AS last_name
                 FROM (SELECT id, first_name, last_name, date_of_birth, substring(post_id, 4)::int AS n FROM officer) o CROSS JOIN f
                WHERE o.n % 10 < 3) a`,
    );
    await step(
      'certifications',
      `INSERT INTO certification (officer_id, status, issued_on, expires_on, first_certified_on, status_before_revocation)
       SELECT id,
              CASE WHEN n % 50 = 0 THEN 'revoked' WHEN n % 50 = 1 THEN 'lapsed' WHEN n % 50 = 2 THEN 'not_certified' ELSE 'certified' END,
              CASE WHEN n % 50 = 2 THEN NULL WHEN n % 50 = 1 THEN DATE '2020-01-01' ELSE DATE '2025-01-01' END,
              CASE WHEN n % 50 = 2 THEN NULL WHEN n % 50 = 1 THEN DATE '2023-01-01' ELSE DATE '2028-01-01' END,
              CASE WHEN n % 50 = 2 THEN NULL ELSE DATE '2020-01-01' END,
              CASE WHEN n % 50 = 0 THEN 'certified' END
         FROM (SELECT id, substring(post_id, 4)::int AS n FROM officer) o`,
    );
    // The history those statuses imply (a hiring check looks up the last change into the current
    // status): the first certification, then a renewal, a lapse or a revocation, in that order of
    // id for each officer (one nested loop, no sort).
    await step(
      'certification history',
      `INSERT INTO certification_history (officer_id, from_status, to_status, reason, basis, actor_id, effective_on, recorded_at)
       SELECT c.officer_id, h.from_status, h.to_status, h.reason, 'bench seed', 'bench', h.effective_on, h.effective_on::timestamptz
         FROM certification c
         CROSS JOIN LATERAL (VALUES
           ('not_certified', 'certified', 'initial_certification', DATE '2020-01-01', c.first_certified_on IS NOT NULL),
           ('certified', 'certified', 'renewal', DATE '2025-01-01', c.status = 'certified'),
           ('certified', 'lapsed', 'term_expired', DATE '2023-01-01', c.status = 'lapsed'),
           ('certified', 'revoked', 'revocation', DATE '2025-06-01', c.status = 'revoked')
         ) AS h(from_status, to_status, reason, effective_on, applies)
        WHERE h.applies`,
    );
    // 60% employed now, 10% separated (a seventh of those while under investigation).
    await step(
      'employment',
      `INSERT INTO employment (id, officer_id, agency_id, position, start_date, end_date, separation_nature, under_investigation)
       SELECT ${seqUuid('b000', 'o.n')}, o.id, ($1::uuid[])[${pick('o.n', 5, 50)}], 'Patrol Officer', DATE '2015-01-01' + (o.n % 3000),
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
  } finally {
    // Even when a step failed: the schema must leave as it came.
    const t0 = Date.now();
    for (const index of indexes) await db.query(index.indexdef.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS '));
    log(`  ${indexes.length} secondary indexes rebuilt: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  // As a registry in service is: vacuumed (hint bits and visibility map set) and analysed, so
  // autovacuum does not start on the fresh million rows in the middle of the measurement.
  await step('vacuum analyze', `VACUUM (ANALYZE)`);
  // And with the load's dirty pages written: otherwise the checkpoint that follows a bulk load
  // runs under the first target measured. Needs a superuser (or pg_checkpoint): skipped without.
  await step('checkpoint', `CHECKPOINT`).catch((error: Error) => log(`  checkpoint skipped: ${error.message}`));
  log(`  seeded ${officers.toLocaleString('en-US')} officers in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return { agencyIds };
}

/** A certified officer registered as `Kowalczyk` with no alias: queried by POST ID and by a misspelt name. */
export async function pickSample(db: Pool): Promise<SeededSample> {
  const { rows } = await db.query<{ post_id: string; first_name: string; last_name: string; dob: string }>(
    `SELECT o.post_id, o.first_name, o.last_name, to_char(o.date_of_birth, 'YYYY-MM-DD') AS dob
       FROM officer o JOIN certification c ON c.officer_id = o.id
      WHERE c.status = 'certified' AND o.last_name = 'Kowalczyk'
        AND NOT EXISTS (SELECT 1 FROM officer_name n WHERE n.officer_id = o.id AND n.kind = 'alias')
      ORDER BY o.post_id DESC LIMIT 1`,
  );
  return { postId: rows[0].post_id, firstName: rows[0].first_name, lastName: rows[0].last_name, dateOfBirth: rows[0].dob };
}
