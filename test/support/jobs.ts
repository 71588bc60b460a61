import type { Pool } from 'pg';

export interface JobRow {
  id: string;
  state: string;
  output: unknown;
}

/** Polls pgboss.job (owner connection) until the job is completed or failed; fails the test after `timeoutMs`. */
export async function waitForJob(db: Pool, id: string, timeoutMs = 15_000): Promise<JobRow> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query<JobRow>(`SELECT id, state, output FROM pgboss.job WHERE id = $1`, [id]);
    if (rows[0] && ['completed', 'failed', 'cancelled'].includes(rows[0].state)) return rows[0];
    if (Date.now() > deadline) throw new Error(`job ${id} still ${rows[0]?.state ?? 'missing'} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until `check` holds (returns true), polling every 100 ms. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} not met after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
