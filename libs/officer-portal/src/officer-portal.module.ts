import { Module } from '@nestjs/common';
import { AccountTokensModule } from '@app/auth';
import { CertificationModule } from '@app/certification';
import { DisciplineModule } from '@app/discipline';
import { DisputesModule } from '@app/disputes';
import { HiringModule } from '@app/hiring';
import { NotificationsModule } from '@app/notifications';
import { OfficersModule } from '@app/officers';
import { OrganizationsModule } from '@app/organizations';
import { TrainingModule } from '@app/training';
import { OfficerAccountsService } from './officer-accounts.service';
import { OwnDisputesService } from './own-disputes.service';
import { OwnRecordService } from './own-record.service';

@Module({
  imports: [
    AccountTokensModule,
    OrganizationsModule,
    OfficersModule,
    TrainingModule,
    CertificationModule,
    DisciplineModule,
    HiringModule,
    NotificationsModule,
    DisputesModule,
  ],
  providers: [OfficerAccountsService, OwnRecordService, OwnDisputesService],
  exports: [OfficerAccountsService, OwnRecordService, OwnDisputesService],
})
export class OfficerPortalModule {}
