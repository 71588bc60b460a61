import { APP_DB_ROLE, DatabaseSettings, startupOptions } from './database-settings';

describe('startupOptions', () => {
  const settings: DatabaseSettings = { url: 'postgres://x', statementTimeoutMs: 5000, idleInTransactionTimeoutMs: 10000, connectTimeoutMs: 3000, poolSize: 10 };

  it('should bound every statement of the service and run it as the restricted role', () => {
    expect(startupOptions(settings, false).split(' -c ')).toEqual(['-c statement_timeout=5000', 'idle_in_transaction_session_timeout=10000', 'TimeZone=UTC', `role=${APP_DB_ROLE}`]);
  });

  it('should let the owner (migrations) run a statement as long as a whole-table rewrite takes', () => {
    expect(startupOptions(settings, true).split(' -c ')).toEqual(['-c statement_timeout=0', 'idle_in_transaction_session_timeout=10000', 'TimeZone=UTC']);
  });
});
