import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { AuditModule } from '@app/audit';
import { AuthenticationGuard, AuthModule, RolesGuard } from '@app/auth';
import { ClockModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { OfficersModule } from '@app/officers';
import { OrganizationsModule } from '@app/organizations';
import { TrainingModule } from '@app/training';
import { LoggerModule } from 'nestjs-pino';
import { AuditController } from './audit/audit.controller';
import { AppConfig } from './config/app-config';
import { HealthController } from './health/health.controller';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { configureRateLimits, defaultThrottle, THROTTLE_WINDOW_MS } from './http/throttling';
import { IdentityController } from './identity/identity.controller';
import { OrganizationsController } from './organizations/organizations.controller';

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
      ],
      controllers: [HealthController, IdentityController, OrganizationsController, AuditController],
      providers: [
        // Order matters: throttle first (cheap, stops brute force), then who, then what.
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useExisting: AuthenticationGuard },
        { provide: APP_GUARD, useExisting: RolesGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
