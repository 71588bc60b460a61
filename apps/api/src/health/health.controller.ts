import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '@app/auth';
import { ApiAnswersWithoutDatabase } from '../openapi/api-problems';

/** Readiness (database reachable; migrations ran before the server listened) and liveness. */
@ApiTags('health')
@Public()
@SkipThrottle()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
  ) {}

  /** Ready when the database answers (migrations ran before the server listened): the load balancer's probe. 503 otherwise. */
  @ApiOperation({ summary: 'Check readiness', operationId: 'getReadiness' })
  @Get()
  @HealthCheck()
  readiness() {
    return this.health.check([() => this.database.pingCheck('database', { timeout: 2000 })]);
  }

  /** Alive while the process answers; never touches the database, so a database outage restarts nothing. */
  @ApiOperation({ summary: 'Check liveness', operationId: 'getLiveness' })
  @ApiAnswersWithoutDatabase()
  @Get('live')
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } }, required: ['status'] } })
  liveness(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
