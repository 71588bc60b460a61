import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DisputesModule } from '@app/disputes';
import { EmploymentService } from './employment.service';
import { OfficerImportService } from './officer-import.service';
import { OfficerRecordsService } from './officer-records.service';
import { OfficersService } from './officers.service';
import { PossibleDuplicatesService } from './possible-duplicates.service';
import { IdentityChangesService } from './identity-changes.service';
import { OfficerMergesService } from './officer-merges.service';
import { PossibleDuplicateSweep } from './possible-duplicate-sweep.service';
import { EmploymentEntity } from './persistence/employment.entity';
import { OfficerNameEntity } from './persistence/officer-name.entity';
import { OfficerEntity } from './persistence/officer.entity';

@Module({
  imports: [TypeOrmModule.forFeature([OfficerEntity, OfficerNameEntity, EmploymentEntity]), DisputesModule],
  providers: [
    OfficersService,
    OfficerRecordsService,
    EmploymentService,
    OfficerImportService,
    PossibleDuplicatesService,
    IdentityChangesService,
    OfficerMergesService,
    PossibleDuplicateSweep,
  ],
  exports: [
    OfficersService,
    OfficerRecordsService,
    EmploymentService,
    OfficerImportService,
    PossibleDuplicatesService,
    IdentityChangesService,
    OfficerMergesService,
    PossibleDuplicateSweep,
  ],
})
export class OfficersModule {}
