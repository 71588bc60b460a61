import { Client } from 'pg';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * DESIGN.md rule 12: the role the service's queries run as cannot rewrite history, whatever
 * bug the service has. Each append-only table refuses UPDATE, DELETE and TRUNCATE to it.
 */
const APPEND_ONLY_TABLES = [
  'audit_log',
  'certification_history',
  'relinquishment_disclosure',
  'misconduct_report_version',
  'case_event',
  'case_report',
  'hiring_check',
  'training_completion',
];

describe('append-only tables (e2e)', () => {
  let t: TestApp;
  let client: Client;
  beforeAll(async () => {
    t = await startTestApp();
    client = new Client({ connectionString: t.databaseUrl });
    await client.connect();
    await client.query('SET ROLE post_registry_app');
  });
  afterAll(async () => {
    await client.end();
    await t.close();
  });

  it.each(APPEND_ONLY_TABLES)('%s refuses UPDATE, DELETE and TRUNCATE to the service role', async (table) => {
    await expect(client.query(`UPDATE ${table} SET ${await anyColumn(table)} = ${await anyColumn(table)}`)).rejects.toThrow(/permission denied/);
    await expect(client.query(`DELETE FROM ${table}`)).rejects.toThrow(/permission denied/);
    await expect(client.query(`TRUNCATE ${table}`)).rejects.toThrow(/permission denied/);
  });

  it('still lets the service role read them', async () => {
    const { rows } = await client.query(`SELECT count(*)::int AS n FROM audit_log`);
    expect(rows[0].n).toBeGreaterThan(0); // the first start's bootstrap entries
  });

  async function anyColumn(table: string): Promise<string> {
    const { rows } = await t.db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position LIMIT 1`, [table]);
    expect(rows).toHaveLength(1);
    return rows[0].column_name as string;
  }
});
