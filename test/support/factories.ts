import { randomBytes, randomInt } from 'node:crypto';
import type { Pool } from 'pg';
import { bearer, TestApp } from './test-app';

/**
 * Shared test data builders. Anything that has an API route goes through it, so the
 * rows look exactly like production ones; bulk fixtures go straight to SQL.
 */

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** A name no other test will produce, so the officers' duplicate detection never fires. */
const uniqueName = () =>
  Array.from({ length: 10 }, () => LETTERS[randomInt(LETTERS.length)])
    .join('')
    .replace(/^./, (c) => c.toUpperCase());
const randomDateOfBirth = () => `19${randomInt(60, 99)}-${String(randomInt(1, 13)).padStart(2, '0')}-${String(randomInt(1, 29)).padStart(2, '0')}`;

export interface CreatedOfficer {
  postId: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
}

/** `POST /officers` with a fresh name; any role that may create officers (default: the commission admin). */
export async function createOfficer(t: TestApp, overrides: Record<string, unknown> = {}, token?: string): Promise<CreatedOfficer> {
  const body = { firstName: uniqueName(), lastName: uniqueName(), dateOfBirth: randomDateOfBirth(), ...overrides };
  const response = await t
    .http()
    .post('/api/v1/officers?confirmDistinct=true')
    .set(bearer(token ?? (await t.adminToken())))
    .send(body);
  if (response.status !== 201) throw new Error(`create officer failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as CreatedOfficer;
}

/**
 * Many officers at once, straight into the tables as the officers context writes them:
 * the officer, its `current` name row and a `not_certified` certification. Returns POST IDs.
 */
export async function insertOfficers(db: Pool, count: number, jurisdiction = 'MA'): Promise<string[]> {
  const tag = randomBytes(3).toString('hex');
  const { rows } = await db.query(
    `WITH numbers AS (
       SELECT g, nextval('officer_post_number_seq') AS n FROM generate_series(1, $1::int) AS g
     ), officers AS (
       INSERT INTO officer (post_id, first_name, last_name, date_of_birth)
       SELECT $2 || '-' || lpad(n::text, 6, '0'), 'Bulk', 'Officer' || $3 || g, DATE '1980-01-01' + (g % 7000)
         FROM numbers
       RETURNING id, post_id, first_name, last_name, date_of_birth
     ), names AS (
       INSERT INTO officer_name (officer_id, kind, first_name, last_name, normalized_first, normalized_last, normalized_full, date_of_birth)
       SELECT id, 'current', first_name, last_name, lower(first_name), lower(last_name), lower(first_name || ' ' || last_name), date_of_birth FROM officers
     ), certifications AS (
       INSERT INTO certification (officer_id, status) SELECT id, 'not_certified' FROM officers
     )
     SELECT post_id FROM officers ORDER BY post_id`,
    [count, jurisdiction, tag],
  );
  return rows.map((row: { post_id: string }) => row.post_id);
}

export interface CreatedCourse {
  id: string;
  code: string;
  title: string;
  kind: 'basic' | 'in_service' | 'specialized';
  hours: number;
}

/** `POST /courses` as the commission admin, with a fresh code unless given. */
export async function createCourse(t: TestApp, overrides: Partial<Omit<CreatedCourse, 'id'>> = {}): Promise<CreatedCourse> {
  const body = { code: `C-${randomBytes(4).toString('hex').toUpperCase()}`, title: 'Test course', kind: 'in_service', hours: 40, ...overrides };
  const response = await t
    .http()
    .post('/api/v1/courses')
    .set(bearer(await t.adminToken()))
    .send(body);
  if (response.status !== 201) throw new Error(`create course failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as CreatedCourse;
}

// ---- certification engineer: completions, employments, ids ----

/** The officer's internal id (for assertions on rows keyed by officer_id). */
export async function officerIdOf(t: TestApp, postId: string): Promise<string> {
  const { rows } = await t.db.query(`SELECT id FROM officer WHERE post_id = $1`, [postId]);
  if (rows.length !== 1) throw new Error(`no officer ${postId}`);
  return rows[0].id as string;
}

/** `POST /training-completions` as an academy registrar (`registrarToken`); a fresh `externalRef`. */
export async function recordCompletion(
  t: TestApp,
  registrarToken: string,
  input: { postId: string; courseCode: string; completedOn: string; hours: number; result?: 'pass' | 'fail' },
): Promise<void> {
  const response = await t
    .http()
    .post('/api/v1/training-completions')
    .set(bearer(registrarToken))
    .send({ result: 'pass', externalRef: `REF-${randomBytes(6).toString('hex')}`, ...input });
  if (response.status !== 201) throw new Error(`record completion failed: ${response.status} ${JSON.stringify(response.body)}`);
}

/** An open employment at `agencyId`, straight into SQL (recording a hire needs a hiring check, another context). Returns its id. */
export async function insertEmployment(t: TestApp, officerId: string, agencyId: string, startDate = '2025-01-02'): Promise<string> {
  const { rows } = await t.db.query(`INSERT INTO employment (officer_id, agency_id, position, start_date) VALUES ($1, $2, 'Patrol officer', $3) RETURNING id`, [
    officerId,
    agencyId,
    startDate,
  ]);
  return rows[0].id as string;
}

// ---- discipline engineer: certified officers for cases ----

/**
 * Sets the officer's certification to `certified` straight in SQL (no history row), for tests
 * whose subject is what comes after certification (cases, hiring).
 */
export async function certifyBySql(
  t: TestApp,
  officerId: string,
  term: { issuedOn: string; expiresOn: string } = { issuedOn: '2025-01-02', expiresOn: '2028-01-01' },
): Promise<void> {
  await t.db.query(`INSERT INTO certification (officer_id, status) VALUES ($1, 'not_certified') ON CONFLICT (officer_id) DO NOTHING`, [officerId]);
  await t.db.query(`UPDATE certification SET status = 'certified', issued_on = $2, expires_on = $3, first_certified_on = $2 WHERE officer_id = $1`, [
    officerId,
    term.issuedOn,
    term.expiresOn,
  ]);
}
