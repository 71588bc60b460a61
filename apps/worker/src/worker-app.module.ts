import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AuditModule } from '@app/audit';
import { ClockModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { JobsModule } from '@app/jobs';
import { MailModule } from '@app/mail';
import { AppConfig } from '@app/runtime';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { WorkerModule } from './worker.module';

/** apps/worker's process: the configuration, the database, the jobs and their handlers; no HTTP. */
@Module({})
export class WorkerAppModule {
  static register(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: WorkerAppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }),
        LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true, forRoutes: [] }),
        ClockModule.forRoot(config.timeZone),
        DatabaseModule.forRoot(config.database),
        // This process exists to run them, whatever JOBS_WORKER says (that setting is for the API).
        JobsModule.forRoot({ ...config.jobs, worker: 'inline' }, config.database),
        // Notices to officers are mailed from here.
        MailModule.forRoot(config.mail),
        AuditModule,
        WorkerModule,
      ],
    };
  }
}
