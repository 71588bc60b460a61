import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OfficersModule } from '@app/officers';
import { TrainingModule } from '@app/training';
import { CertificationCaseEffectsService } from './certification-case-effects.service';
import { CertificationConditionsService } from './certification-conditions.service';
import { CertificationDecisionsService } from './certification-decisions.service';
import { CertificationImportService } from './certification-import.service';
import { CERTIFICATION_RULES, certificationRulesFrom } from './certification-rules';
import { CertificationSettlementService } from './certification-settlement.service';
import { CertificationService } from './certification.service';
import { CertificationConditionEntity } from './persistence/certification-condition.entity';
import { CertificationMergeService } from './certification-merge.service';
import { CertificationHistoryEntity } from './persistence/certification-history.entity';
import { CertificationEntity } from './persistence/certification.entity';
import { RelinquishmentDisclosureEntity } from './persistence/relinquishment-disclosure.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([CertificationEntity, CertificationHistoryEntity, CertificationConditionEntity, RelinquishmentDisclosureEntity]),
    OfficersModule,
    TrainingModule,
  ],
  providers: [
    { provide: CERTIFICATION_RULES, useFactory: certificationRulesFrom, inject: [ConfigService] },
    CertificationService,
    CertificationDecisionsService,
    CertificationConditionsService,
    CertificationCaseEffectsService,
    CertificationSettlementService,
    CertificationImportService,
    CertificationMergeService,
  ],
  exports: [
    CertificationMergeService,
    CertificationImportService,
    CertificationService,
    CertificationDecisionsService,
    CertificationConditionsService,
    CertificationCaseEffectsService,
    CertificationSettlementService,
    CERTIFICATION_RULES,
  ],
})
export class CertificationModule {}
