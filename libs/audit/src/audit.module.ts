import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessControl } from './access-control';
import { AuditService } from './audit.service';
import { AuditEntryEntity } from './persistence/audit-entry.entity';

/** Global: every context writes audit entries inside its own transactions. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntryEntity])],
  providers: [AuditService, AccessControl],
  exports: [AuditService, AccessControl],
})
export class AuditModule {}
