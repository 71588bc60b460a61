import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CertificationModule } from '@app/certification';
import { DisciplineModule } from '@app/discipline';
import { OfficersModule } from '@app/officers';
import { OrganizationsModule } from '@app/organizations';
import { TrainingModule } from '@app/training';
import { ImportChunksService } from './import-chunks.service';
import { ImportsService } from './imports.service';
import { DataImportEntity } from './persistence/data-import.entity';
import { CertificationsProcessor } from './processors/certifications.processor';
import { EmploymentsProcessor } from './processors/employments.processor';
import { FinalActionsProcessor } from './processors/final-actions.processor';
import { OfficersProcessor } from './processors/officers.processor';
import { TrainingProcessor } from './processors/training.processor';

@Module({
  imports: [TypeOrmModule.forFeature([DataImportEntity]), OrganizationsModule, OfficersModule, TrainingModule, CertificationModule, DisciplineModule],
  providers: [ImportsService, ImportChunksService, OfficersProcessor, EmploymentsProcessor, CertificationsProcessor, TrainingProcessor, FinalActionsProcessor],
  exports: [ImportsService, ImportChunksService],
})
export class ImportsModule {}
