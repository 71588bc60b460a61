import type { Pool, PoolClient } from 'pg';
import type { EntityManager } from 'typeorm';

/**
 * A query as a named prepared statement on the application's connections (same role and
 * time limits): PostgreSQL parses and plans it once per connection instead of on every call.
 * For the name-candidate query that is most of its cost (measured 5.4 ms unnamed, 1.7 ms
 * prepared); for the short reads of a hiring check or a public page, planning took 0.5-3 ms
 * against well under 0.5 ms of execution. Inside a transaction the transaction's own
 * connection is used. `name` must always go with the same `text`.
 *
 * A named statement is still planned anew on every call when PostgreSQL prices the plans it
 * makes for the actual values (the first five) below its generic plan: a bind parameter that
 * the planner can fold (an array's length, a constant name) does that. Pass such values through
 * a scalar subquery (`anyOfArrayParameter`) or a materialised CTE (hiring's name candidates).
 */
export async function preparedQuery<T>(manager: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const runner = connectedRunner(manager);
  if (runner) {
    const client = (await runner.connect()) as PoolClient;
    return (await client.query({ name, text, values })).rows as T[];
  }
  const pool = (manager.connection.driver as unknown as { master: Pool }).master;
  const result = await pool.query({ name, text, values });
  return result.rows as T[];
}

/**
 * `ANY(...)` over an array bind parameter for a named statement: `= ${anyOfArrayParameter(1, 'uuid')}`.
 * With `ANY($1::uuid[])` the planner costs each call by the array's length, and for arrays
 * shorter than its guess for a parameter (10) it planned the statement anew on every call: a
 * hiring check's one officer, a public search page with a few (0.3-0.5 ms of planning each,
 * pg_stat_statements on the 1M-officer bench, several times the statements' execution).
 * Through a scalar subquery the plan no longer depends on the value: one generic plan serves.
 */
export const anyOfArrayParameter = (position: number, elementType: 'uuid' | 'text'): string => `ANY((SELECT $${position}::${elementType}[])::${elementType}[])`;

/**
 * Several parameterless statements in one round trip (PostgreSQL's simple query protocol),
 * inside the manager's transaction; one array of rows per statement. Each statement still
 * takes its own snapshot under READ COMMITTED, so a lock taken by the first is in force when
 * the second reads. Constant SQL only: there are no parameters to bind.
 */
export async function statementsInOneRoundTrip<T extends unknown[][]>(manager: EntityManager, text: string): Promise<T> {
  const runner = connectedRunner(manager);
  if (!runner?.isTransactionActive) throw new Error('statementsInOneRoundTrip needs a transaction');
  const client = (await runner.connect()) as PoolClient;
  const results = (await client.query(text)) as unknown as { rows: unknown[] }[] | { rows: unknown[] };
  return (Array.isArray(results) ? results : [results]).map((result) => result.rows) as T;
}

/** The manager's own query runner (a transaction's), whose `connect()` yields its pg client; none for the shared manager. */
function connectedRunner(manager: EntityManager) {
  const runner = manager.queryRunner;
  return runner && !runner.isReleased ? runner : undefined;
}
