/**
 * @app/merges: one officer of two (API.md "Identity changes and merges"). Above the contexts
 * whose tables a merge moves (officers, certification, discipline, notifications), each of which
 * exposes its own `reassignOfficer`; this library only orders them in one transaction.
 */
export * from './merges.module';
export * from './officer-merge.service';
