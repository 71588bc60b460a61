import { Module } from '@nestjs/common';
import { DisciplineMergeService } from './discipline-merge.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CertificationModule } from '@app/certification';
import { DisputesModule } from '@app/disputes';
import { NotificationsModule } from '@app/notifications';
import { OfficersModule } from '@app/officers';
import { CaseOpening } from './cases/case-opening';
import { CasesService } from './cases/cases.service';
import { DisciplineConfig } from './discipline-config';
import { DisciplineFactsService } from './discipline-facts.service';
import { GroundsService } from './grounds.service';
import { ImportedFinalActionsService } from './imported-final-actions.service';
import { CaseEntity } from './persistence/case.entity';
import { CaseEventEntity } from './persistence/case-event.entity';
import { GroundEntity } from './persistence/ground.entity';
import { MisconductReportEntity, MisconductReportVersionEntity } from './persistence/misconduct-report.entity';
import { ReportsService } from './reports/reports.service';
import { SeparationsService } from './separations.service';
import { DisciplineOwnRecordService } from './own-record.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([GroundEntity, MisconductReportEntity, MisconductReportVersionEntity, CaseEntity, CaseEventEntity]),
    OfficersModule,
    CertificationModule,
    NotificationsModule,
    DisputesModule,
  ],
  providers: [
    DisciplineMergeService,
    DisciplineConfig,
    GroundsService,
    ReportsService,
    SeparationsService,
    CaseOpening,
    CasesService,
    DisciplineFactsService,
    ImportedFinalActionsService,
    DisciplineOwnRecordService,
  ],
  exports: [
    DisciplineMergeService,
    GroundsService,
    ReportsService,
    SeparationsService,
    CasesService,
    DisciplineFactsService,
    ImportedFinalActionsService,
    DisciplineOwnRecordService,
  ],
})
export class DisciplineModule {}
