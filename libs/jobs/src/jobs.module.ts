import { DynamicModule, Global, Module } from '@nestjs/common';
import type { DatabaseSettings } from '@app/database';
import { Jobs, JOBS_DATABASE, JOBS_SETTINGS } from './jobs';
import type { JobsSettings } from './jobs-settings';

/** The process's one pg-boss instance (`Jobs`), for every context; started after the migrations, stopped before the pool closes. */
@Global()
@Module({})
export class JobsModule {
  static forRoot(settings: JobsSettings, database: DatabaseSettings): DynamicModule {
    return {
      module: JobsModule,
      providers: [{ provide: JOBS_SETTINGS, useValue: settings }, { provide: JOBS_DATABASE, useValue: database }, Jobs],
      exports: [Jobs],
    };
  }
}
