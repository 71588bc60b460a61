import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@app/auth';
import type { Actor } from '@app/core';
import { HiringChecksService } from '@app/hiring';
import { ApiIdempotencyKey, IdempotencyKeyHeader } from '../common/idempotency-key';
import { IdParamDto } from '../common/uuid-param.dto';
import { CreateHiringCheckDto, ListHiringChecksQueryDto, toHiringCheckQuery } from './dto/hiring-check-request.dto';
import {
  HiringCheckDetailResponse,
  HiringCheckPage,
  HiringCheckResponse,
  toHiringCheckDetailResponse,
  toHiringCheckPage,
  toHiringCheckResponse,
} from './dto/hiring-check-response.dto';

@ApiTags('hiring')
@Controller('hiring-checks')
export class HiringChecksController {
  constructor(private readonly checks: HiringChecksService) {}

  /**
   * "May we hire this person?" by `postId`, or by `firstName`, `lastName` and `dateOfBirth`
   * (a `POST`, so no date of birth lands in a URL). Stored and audited; an empty `matches`
   * is an answer too.
   */
  @Roles('agency_admin', 'agency_hiring')
  @ApiOperation({ summary: 'Create a hiring check', operationId: 'createHiringCheck' })
  @Post()
  @ApiIdempotencyKey()
  async check(@CurrentActor() actor: Actor, @Body() body: CreateHiringCheckDto, @IdempotencyKeyHeader() idempotencyKey?: string): Promise<HiringCheckResponse> {
    return toHiringCheckResponse(await this.checks.check(actor, toHiringCheckQuery(body), idempotencyKey));
  }

  /**
   * Newest first: an agency's own checks; the commission's roles every agency's (oversight of the
   * duty to check before hiring), `agencyId` for one agency. `postId`: the checks that found that officer.
   */
  @Roles('agency_admin', 'agency_hiring', 'commission_admin', 'commission_investigator', 'commission_adjudicator')
  @ApiOperation({ summary: 'List hiring checks', operationId: 'listHiringChecks' })
  @Get()
  async list(@CurrentActor() actor: Actor, @Query() query: ListHiringChecksQueryDto): Promise<HiringCheckPage> {
    return toHiringCheckPage(await this.checks.list(actor, query));
  }

  /** One of the caller agency's checks, as answered then; another agency's is a 404. */
  @Roles('agency_admin', 'agency_hiring')
  @ApiOperation({ summary: 'Get a hiring check', operationId: 'getHiringCheck' })
  @Get(':id')
  async get(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<HiringCheckDetailResponse> {
    return toHiringCheckDetailResponse(await this.checks.get(actor, id));
  }
}
