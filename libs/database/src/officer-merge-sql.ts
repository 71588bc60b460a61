/**
 * `officer_survivor(id)` and `officer_lineage(id)` (the merge functions, migrations) with a fast
 * path for an officer no merge touched: almost every officer. Each call of those SQL functions runs
 * a recursive CTE through PostgreSQL's SQL-function executor (not inlinable, planned again in
 * each statement): on the public officer page, three calls were more than half of PostgreSQL's
 * CPU (pgbench on the 1M-officer bench: 0.77 -> 0.35 ms a statement). The answer is the same:
 * without a merge row the survivor is the officer itself and the lineage is the officer alone.
 * `idSql` is a column reference or parameter of the enclosing statement, never input.
 */
export const survivorSql = (idSql: string) =>
  `(CASE WHEN EXISTS (SELECT 1 FROM officer_merge sm WHERE sm.duplicate_officer_id = ${idSql}) THEN officer_survivor(${idSql}) ELSE ${idSql} END)`;

export const lineageSql = (idSql: string) =>
  `(CASE WHEN EXISTS (SELECT 1 FROM officer_merge lm WHERE lm.survivor_officer_id = ${idSql}) THEN officer_lineage(${idSql}) ELSE ARRAY[${idSql}]::uuid[] END)`;
