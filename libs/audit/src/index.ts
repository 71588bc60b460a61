export * from './audit.module';
export * from './audit.service';
export * from './access-control';
export * from './audit-folding.job';
export * from './domain/hash-chain';
export { AuditEntryEntity } from './persistence/audit-entry.entity';
export { auditLogEmpty } from './domain/audit.errors';
