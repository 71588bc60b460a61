import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { AuditModule } from '@app/audit';
import { AuthenticationGuard, AuthModule, RolesGuard } from '@app/auth';
import { CertificationModule, CertificationSettlementJob } from '@app/certification';
import { ClockModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { DisciplineModule } from '@app/discipline';
import { HiringModule } from '@app/hiring';
import { OfficersModule } from '@app/officers';
import { OrganizationsModule } from '@app/organizations';
import { PublicModule } from '@app/public';
import { TrainingModule } from '@app/training';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AuditController } from './audit/audit.controller';
import { CertificationController } from './certification/certification.controller';
import { AppConfig } from './config/app-config';
import { CasesController } from './discipline/cases.controller';
import { MisconductReportsController } from './discipline/misconduct-reports.controller';
import { HealthController } from './health/health.controller';
import { EmploymentsController } from './hiring/employments.controller';
import { HiringChecksController } from './hiring/hiring-checks.controller';
import { FixedWindowThrottlerStorage } from './http/fixed-window-throttler-storage';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { configureRateLimits, defaultThrottle, THROTTLE_WINDOW_MS } from './http/throttling';
import { IdentityController } from './identity/identity.controller';
import { OfficersController } from './officers/officers.controller';
import { OrganizationsController } from './organizations/organizations.controller';
import { PublicOfficersController } from './public/public-officers.controller';
import { PublicPageController } from './public/public-page.controller';
import { CoursesController } from './training/courses.controller';
import { TrainingCompletionsController } from './training/training-completions.controller';

@Module({})
export class ApiModule {
  static register(config: AppConfig, logger: Logger): DynamicModule {
    configureRateLimits(config.rateLimit);
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }),
        // Fastify logs the requests through `logger` (see http/logging.ts); Nest's logs go to the same logger.
        LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true }),
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ttl: THROTTLE_WINDOW_MS, limit: defaultThrottle }],
          storage: new FixedWindowThrottlerStorage(),
        }),
        ScheduleModule.forRoot(),
        TerminusModule,
        ClockModule,
        DatabaseModule.forRoot(config.database),
        AuditModule,
        OrganizationsModule,
        AuthModule,
        OfficersModule,
        TrainingModule,
        CertificationModule,
        DisciplineModule,
        HiringModule,
        PublicModule,
      ],
      controllers: [HealthController, IdentityController, OrganizationsController, AuditController, OfficersController, CoursesController, TrainingCompletionsController, CertificationController, MisconductReportsController, CasesController, PublicOfficersController, PublicPageController, HiringChecksController, EmploymentsController],
      providers: [
        // The daily certification settlement runs in the api process until apps/worker exists.
        CertificationSettlementJob,
        // Order matters: throttle first (cheap, stops brute force), then who, then what.
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useExisting: AuthenticationGuard },
        { provide: APP_GUARD, useExisting: RolesGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
