export * from './import-kinds';
export * from './row-rules';
export * from './imports.errors';
