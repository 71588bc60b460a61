export * from './database-settings';
export * from './database.module';
export * from './embedded-postgres';
export * from './migrate';
export * from './postgres-errors';
export * from './snake-naming.strategy';
export * from './idempotency';
export * from './prepared-query';
