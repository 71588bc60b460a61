import { Module } from '@nestjs/common';
import { TrainingFactsService } from './training-facts.service';

@Module({
  providers: [TrainingFactsService],
  exports: [TrainingFactsService],
})
export class TrainingModule {}
