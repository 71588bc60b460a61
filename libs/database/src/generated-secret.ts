import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * A secret generated once and kept in the database (`generated_secret`, which only the owner
 * reads: migration 1764000001000), for a deployment with DATABASE_URL that was given none:
 * every process reads the same one, and no writable directory is needed. The first starter's
 * value wins a race (ON CONFLICT DO NOTHING), so concurrent starters agree.
 */
export async function readOrCreateStoredSecret(ownerUrl: string, name: string, bytes = 48): Promise<string> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query('INSERT INTO generated_secret (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [
      name,
      randomBytes(bytes).toString('base64url'),
    ]);
    const { rows } = await client.query<{ value: string }>('SELECT value FROM generated_secret WHERE name = $1', [name]);
    return rows[0].value;
  } finally {
    await client.end();
  }
}
