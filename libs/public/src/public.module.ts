import { Module } from '@nestjs/common';
import { CertificationModule } from '@app/certification';
import { DisciplineModule } from '@app/discipline';
import { PublicRecordsService } from './public-records.service';

@Module({
  imports: [CertificationModule, DisciplineModule],
  providers: [PublicRecordsService],
  exports: [PublicRecordsService],
})
export class PublicModule {}
