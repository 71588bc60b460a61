/**
 * What of an unexpected error may reach a log line. A TypeORM QueryFailedError carries the
 * bound parameters and PostgreSQL's `detail` ("Failing row contains (…)"), which can hold a
 * date of birth or SSN digits (DESIGN.md rule 12), and its message may quote a value
 * ('invalid input syntax for type date: "…"'). For database errors only the name, SQLSTATE,
 * constraint, table and stack are kept; other errors keep their message.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code, constraint, table } = error as Error & { code?: unknown; constraint?: unknown; table?: unknown };
  const driverError = (error as { driverError?: { code?: unknown; constraint?: unknown; table?: unknown } }).driverError;
  const sqlState = code ?? driverError?.code;
  const fromDatabase = typeof sqlState === 'string' && /^[0-9A-Z]{5}$/.test(sqlState);
  return {
    name: error.name,
    message: fromDatabase ? undefined : error.message,
    code: sqlState,
    constraint: constraint ?? driverError?.constraint,
    table: table ?? driverError?.table,
    // The stack's first line repeats the message.
    stack: fromDatabase ? error.stack?.split('\n').slice(1).join('\n') : error.stack,
  };
}
