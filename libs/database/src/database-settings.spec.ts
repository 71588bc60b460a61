import { APP_DB_ROLE, buildDataSourceOptions, DatabaseSettings, startupOptions } from './database-settings';

describe('startupOptions', () => {
  const settings: DatabaseSettings = { url: 'postgres://x', statementTimeoutMs: 5000, idleInTransactionTimeoutMs: 10000, connectTimeoutMs: 3000, poolSize: 10 };

  it('should bound every statement of the service and run it as the restricted role', () => {
    expect(startupOptions(settings, false).split(' -c ')).toEqual([
      '-c statement_timeout=5000',
      'idle_in_transaction_session_timeout=10000',
      'TimeZone=UTC',
      `role=${APP_DB_ROLE}`,
    ]);
  });

  it('should let the owner (migrations) run a statement as long as a whole-table rewrite takes', () => {
    expect(startupOptions(settings, true).split(' -c ')).toEqual(['-c statement_timeout=0', 'idle_in_transaction_session_timeout=10000', 'TimeZone=UTC']);
  });

  it('should not switch role when the requests log in apart from the owner (MIGRATION_DATABASE_URL): that login is the restricted one', () => {
    const apart = { ...settings, url: 'postgres://api@h/db', ownerUrl: 'postgres://owner@h/db' };
    expect(startupOptions(apart, false)).not.toContain('role=');
    expect(buildDataSourceOptions(apart)).toMatchObject({ url: 'postgres://api@h/db' });
    expect(buildDataSourceOptions(apart, { asOwner: true })).toMatchObject({ url: 'postgres://owner@h/db' });
    expect(buildDataSourceOptions(settings, { asOwner: true })).toMatchObject({ url: 'postgres://x' });
  });
});
