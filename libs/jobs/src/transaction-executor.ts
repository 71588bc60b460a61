import type PgBoss from 'pg-boss';
import type { EntityManager } from 'typeorm';

/**
 * pg-boss's `db` option (an object with `executeSql`) over the query runner of a TypeORM
 * transaction: pg-boss's INSERT then joins the caller's transaction.
 */
export function transactionExecutor(manager: EntityManager): PgBoss.Db {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('sendInTransaction needs the EntityManager of an open transaction');
  return {
    executeSql: async (text: string, values: unknown[]) => ({ rows: (await runner.query(text, values, true)).records as unknown[] }),
  };
}
