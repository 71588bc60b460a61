import { QueryFailedError } from 'typeorm';

/** SQLSTATE codes the service reacts to (PostgreSQL Appendix A). */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
export const PG_CHECK_VIOLATION = '23514';
export const PG_QUERY_CANCELED = '57014'; // statement_timeout
export const PG_SERIALIZATION_FAILURE = '40001';
export const PG_DEADLOCK_DETECTED = '40P01';
export const PG_LOCK_NOT_AVAILABLE = '55P03';

export function postgresErrorCode(error: unknown): string | undefined {
  const source = error instanceof QueryFailedError ? (error.driverError as { code?: unknown }) : (error as { code?: unknown });
  return typeof source?.code === 'string' ? source.code : undefined;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (postgresErrorCode(error) !== PG_UNIQUE_VIOLATION) return false;
  if (!constraint) return true;
  const driverError = error instanceof QueryFailedError ? (error.driverError as { constraint?: string }) : (error as { constraint?: string });
  return driverError?.constraint === constraint;
}

/**
 * SQLSTATEs of a value PostgreSQL cannot store or cast: a NUL character in text or jsonb
 * (22021, 22P05), text too long (22001), a number or date out of range (22003, 22008), a
 * malformed date or uuid (22007, 22P02). Validation refuses these first; a value that slips
 * past it is the client's 400, not the service's 500.
 */
const UNSTORABLE_VALUE_CODES = new Set(['22021', '22P05', '22001', '22003', '22007', '22008', '22P02']);

export function isUnstorableValue(error: unknown): boolean {
  const code = postgresErrorCode(error);
  return code !== undefined && UNSTORABLE_VALUE_CODES.has(code);
}

/** The database cannot answer now: unreachable, pool exhausted, or over its time limit. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = postgresErrorCode(error);
  if (code === PG_QUERY_CANCELED || code === '57P01' || code === '57P03' || code === '53300') return true;
  if (code && /^08/.test(code)) return true; // connection exceptions
  const message = error instanceof Error ? error.message : '';
  return /ECONNREFUSED|ECONNRESET|timeout exceeded when trying to connect|Connection terminated|not currently accepting connections|terminating connection/i.test(
    message,
  );
}
