/**
 * @app/imports: a state's existing records loaded from the system being replaced (API.md
 * "Imports", DOMAIN.md "Onboarding a state's existing records"). Files are streamed into
 * `import_row`, then processed in chunks; each chunk's writes go through the owning contexts'
 * bulk methods (officers, training, certification, discipline) in one transaction with the
 * import's progress and one audit entry.
 */
export * from './imports.module';
export * from './imports.service';
export * from './import-chunks.service';
export * from './import-processing.job';
export * from './import-queue';
export * from './domain';
export type { Flag, Rejection } from './persistence/import.store';
