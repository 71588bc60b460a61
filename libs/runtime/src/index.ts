/**
 * Start-up shared by the processes (apps/api, apps/cli): the validated environment, the
 * configuration the modules read, and the database (DATABASE_URL, or the embedded
 * PostgreSQL under DATA_DIR) migrated before any module loads. Light on purpose: main.ts
 * starts PostgreSQL through it before it loads Nest and TypeORM.
 */
export * from './config/app-config';
export * from './config/environment';
export * from './config/trusted-proxies';
export * from './runtime';
export * from './process-lifecycle';
