import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { AuditFoldingJob, AuditModule } from '@app/audit';
import { AccountTokensModule, AuthenticationGuard, AuthModule, MfaEnrolmentGuard, RolesGuard } from '@app/auth';
import { CertificationModule } from '@app/certification';
import { ClockModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { DisciplineModule } from '@app/discipline';
import { HiringModule } from '@app/hiring';
import { MergesModule } from '@app/merges';
import { MailModule } from '@app/mail';
import { ImportsModule } from '@app/imports';
import { JobsModule } from '@app/jobs';
import { NotificationsModule, WebhooksModule } from '@app/notifications';
import { OfficersModule } from '@app/officers';
import { OfficerPortalModule } from '@app/officer-portal';
import { DisputesModule } from '@app/disputes';
import { OrganizationsModule } from '@app/organizations';
import { PublicModule } from '@app/public';
import { WorkspaceModule } from '@app/workspace';
import { AppConfig } from '@app/runtime';
import { TrainingModule } from '@app/training';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { WorkerModule } from '../../worker/src/worker.module';
import { AuditController } from './audit/audit.controller';
import { AccountTokensController } from './identity/account-tokens.controller';
import { CertificationController } from './certification/certification.controller';
import { CasesController } from './discipline/cases.controller';
import { MisconductReportsController } from './discipline/misconduct-reports.controller';
import { HealthController } from './health/health.controller';
import { EmploymentsController } from './hiring/employments.controller';
import { ImportsController } from './imports/imports.controller';
import { HiringChecksController } from './hiring/hiring-checks.controller';
import { RosterController } from './hiring/roster.controller';
import { SharedThrottlerStorage } from './http/shared-throttler-storage';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { configureRateLimits, defaultThrottle, THROTTLE_WINDOW_MS } from './http/throttling';
import { IdentityController } from './identity/identity.controller';
import { NoticesController } from './notifications/notices.controller';
import { SecondFactorController } from './identity/second-factor.controller';
import { OfficersController } from './officers/officers.controller';
import { PossibleDuplicatesController } from './identity-changes/possible-duplicates.controller';
import { IdentityChangesController } from './identity-changes/identity-changes.controller';
import { FirstStartBootstrap } from './organizations/first-start-bootstrap';
import { OrganizationsController } from './organizations/organizations.controller';
import { PublicOfficersController } from './public/public-officers.controller';
import { PublicPageController } from './public/public-page.controller';
import { CoursesController } from './training/courses.controller';
import { TrainingCompletionsController } from './training/training-completions.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WorkspaceController } from './workspace/workspace.controller';
import { DisputesController } from './officer-portal/disputes.controller';
import { OfficerPortalController } from './officer-portal/officer-portal.controller';

/** Every controller of the API (the OpenAPI document reads their routes' decorators too: openapi/). */
export const API_CONTROLLERS = [
  HealthController,
  IdentityController,
  AccountTokensController,
  SecondFactorController,
  OrganizationsController,
  AuditController,
  OfficersController,
  PossibleDuplicatesController,
  IdentityChangesController,
  CoursesController,
  TrainingCompletionsController,
  CertificationController,
  MisconductReportsController,
  CasesController,
  PublicOfficersController,
  PublicPageController,
  HiringChecksController,
  EmploymentsController,
  RosterController,
  OfficerPortalController,
  DisputesController,
  NoticesController,
  ImportsController,
  WebhooksController,
  WorkspaceController,
];

@Module({})
export class ApiModule {
  static register(config: AppConfig, logger: Logger): DynamicModule {
    configureRateLimits(config.rateLimit);
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }),
        // Fastify logs the requests through `logger` (see http/logging.ts); Nest's logs go to the same logger.
        // No per-request middleware (`forRoutes: []`): nestjs-pino's binds each request's logger in an
        // AsyncLocalStorage, which on Node 20 runs a promise hook on every promise of every request
        // (GET /public/officers/:postId under autocannon -c 50: 520-590 -> 355-440 µs of the service's
        // CPU per request, 1,580-1,700 -> 2,000-2,450 req/s). Nothing needs it: Fastify writes the request
        // lines with the request id, and code that logs about a request passes `requestId` itself
        // (ProblemDetailsFilter).
        LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true, forRoutes: [] }),
        ThrottlerModule.forRootAsync({
          inject: [DataSource],
          useFactory: (dataSource: DataSource) => ({
            throttlers: [{ name: 'default', ttl: THROTTLE_WINDOW_MS, limit: defaultThrottle }],
            // Counters every API process shares (PostgreSQL), so N processes do not give a client N budgets.
            storage: new SharedThrottlerStorage(dataSource),
            // A map key and a row key: the default hashes it with SHA-256 on every request.
            generateKey: (context, tracker, name) => `${context.getClass().name}-${context.getHandler().name}-${name}-${tracker}`,
          }),
        }),
        TerminusModule,
        ClockModule.forRoot(config.timeZone),
        DatabaseModule.forRoot(config.database),
        MailModule.forRoot(config.mail),
        // Durable jobs (pg-boss); with JOBS_WORKER=inline (the default) this process also runs WorkerModule's handlers.
        JobsModule.forRoot(config.jobs, config.database),
        AuditModule,
        OrganizationsModule,
        AuthModule,
        AccountTokensModule,
        OfficersModule,
        NotificationsModule,
        TrainingModule,
        CertificationModule,
        DisciplineModule,
        MergesModule,
        HiringModule,
        DisputesModule,
        OfficerPortalModule,
        PublicModule,
        ImportsModule,
        WorkspaceModule,
        WorkerModule,
        WebhooksModule,
      ],
      controllers: API_CONTROLLERS,
      providers: [
        FirstStartBootstrap,
        // Chains the refusals recorded as pending, every second.
        AuditFoldingJob,
        // Order matters: throttle first (cheap, stops brute force), then who, then what.
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useExisting: AuthenticationGuard },
        // A limited token (second factor not enrolled yet) reaches enrolment and GET /me only.
        { provide: APP_GUARD, useExisting: MfaEnrolmentGuard },
        { provide: APP_GUARD, useExisting: RolesGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
