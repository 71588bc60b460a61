/**
 * What a process needs before the application exists: the embedded server and the
 * migration runner. Kept apart from index.ts (the Nest module, TypeORM) so main.ts can start
 * PostgreSQL before it loads the application's modules; this entry point needs only `pg`.
 */
export * from './embedded-postgres';
export * from './migrate';
export * from './generated-secret';
