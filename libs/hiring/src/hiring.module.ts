import { Module } from '@nestjs/common';
import { CertificationModule } from '@app/certification';
import { DisciplineModule } from '@app/discipline';
import { DisputesModule } from '@app/disputes';
import { OfficersModule } from '@app/officers';
import { HiresService } from './hires.service';
import { HiringCheckRecorder } from './hiring-check.recorder';
import { HiringChecksService } from './hiring-checks.service';
import { RosterService } from './roster.service';

/** DESIGN.md: hiring -> certification, officers, discipline. */
@Module({
  imports: [OfficersModule, CertificationModule, DisciplineModule, DisputesModule],
  providers: [HiringCheckRecorder, HiringChecksService, HiresService, RosterService],
  exports: [HiringChecksService, HiresService, RosterService],
})
export class HiringModule {}
