import { Module } from '@nestjs/common';
import { CertificationModule } from '@app/certification';
import { DisciplineModule } from '@app/discipline';
import { OfficersModule } from '@app/officers';
import { OfficerMergeService } from './officer-merge.service';

@Module({
  imports: [OfficersModule, CertificationModule, DisciplineModule],
  providers: [OfficerMergeService],
  exports: [OfficerMergeService],
})
export class MergesModule {}
