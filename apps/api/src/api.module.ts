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
import { AuditController } from './audit/audit.controller';
import { CertificationController } from './certification/certification.controller';
import { AppConfig } from './config/app-config';
import { CasesController } from './discipline/cases.controller';
import { MisconductReportsController } from './discipline/misconduct-reports.controller';
import { HealthController } from './health/health.controller';
import { EmploymentsController } from './hiring/employments.controller';
import { HiringChecksController } from './hiring/hiring-checks.controller';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { configureRateLimits, defaultThrottle, THROTTLE_WINDOW_MS } from './http/throttling';
import { IdentityController } from './identity/identity.controller';
import { OfficersController } from './officers/officers.controller';
import { OrganizationsController } from './organizations/organizations.controller';
import { PublicOfficersController } from './public/public-officers.controller';
import { PublicPageController } from './public/public-page.controller';
import { CoursesController } from './training/courses.controller';
import { TrainingCompletionsController } from './training/training-completions.controller';

/** Paths that must never reach a log line in clear (DOMAIN.md "What is public": restricted). */
const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  '*.password',
  '*.accessToken',
  '*.key',
  '*.dateOfBirth',
  '*.ssnLast4',
  '*.disclosures',
];

@Module({})
export class ApiModule {
  static register(config: AppConfig): DynamicModule {
    configureRateLimits(config.rateLimit);
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => config] }),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
            // The id Fastify assigned (echoed X-Request-Id or a fresh UUID): one id in logs, audit and response.
            genReqId: (req) => (req as { id?: string }).id ?? 'unknown',
            customProps: (req) => ({ requestId: (req as { id?: string }).id }),
            autoLogging: { ignore: (req) => req.url === '/health/live' },
          },
        }),
        ThrottlerModule.forRoot({ throttlers: [{ name: 'default', ttl: THROTTLE_WINDOW_MS, limit: defaultThrottle }] }),
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
