import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DisputesModule } from '@app/disputes';
import { OfficersModule } from '@app/officers';
import { AcademyCompletionsService } from './academy-completions.service';
import { CompletionStore } from './persistence/completion.store';
import { CoursesService } from './courses.service';
import { CourseEntity } from './persistence/course.entity';
import { TrainingCompletionsService } from './training-completions.service';
import { TrainingFactsService } from './training-facts.service';
import { TrainingImportService } from './training-import.service';

@Module({
  imports: [TypeOrmModule.forFeature([CourseEntity]), OfficersModule, DisputesModule],
  providers: [TrainingFactsService, CoursesService, CompletionStore, TrainingCompletionsService, TrainingImportService, AcademyCompletionsService],
  exports: [TrainingFactsService, CoursesService, TrainingCompletionsService, TrainingImportService, AcademyCompletionsService],
})
export class TrainingModule {}
