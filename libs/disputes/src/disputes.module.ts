import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NotificationsModule } from '@app/notifications';
import { DisputeMarks } from './dispute-marks';
import { DisputesService } from './disputes.service';
import { DisputeEntity } from './persistence/dispute.entity';

@Module({
  imports: [TypeOrmModule.forFeature([DisputeEntity]), NotificationsModule],
  providers: [DisputesService, DisputeMarks],
  exports: [DisputesService, DisputeMarks],
})
export class DisputesModule {}
