import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyAuthenticated, CurrentActor, Roles } from '@app/auth';
import { CertificationService } from '@app/certification';
import type { Actor } from '@app/core';
import { OfficerRecordsService, OfficersService } from '@app/officers';
import { ApiIdempotencyKey, IdempotencyKeyHeader } from '../common/idempotency-key';
import { PostIdParam } from '../common/post-id-param';
import { CreateOfficerDto, CreateOfficerQueryDto, SearchOfficersDto } from './dto/officer-request.dto';
import {
  OfficerIdentityResponse,
  OfficerRecordResponse,
  OfficerSearchResponse,
  toCreatedOfficerResponse,
  toOfficerRecordResponse,
  toOfficerSearchResponse,
} from './dto/officer-response.dto';
import { ApiProblems } from '../openapi/api-problems';

@ApiTags('officers')
@Controller('officers')
export class OfficersController {
  constructor(
    private readonly officers: OfficersService,
    private readonly records: OfficerRecordsService,
    private readonly certification: CertificationService,
  ) {}

  /**
   * Registers an officer with a new lifelong POST ID. A likely duplicate (same date of birth,
   * similar current or prior name) is a 409 listing `possibleDuplicates`, unless `?confirmDistinct=true`.
   */
  @Roles('academy_registrar', 'agency_admin', 'commission_admin', 'commission_investigator', 'commission_adjudicator')
  @ApiOperation({ summary: 'Register an officer', operationId: 'createOfficer' })
  @ApiProblems(409)
  @Post()
  @ApiIdempotencyKey()
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateOfficerDto,
    @Query() query: CreateOfficerQueryDto,
    @IdempotencyKeyHeader() idempotencyKey?: string,
  ): Promise<OfficerIdentityResponse> {
    const created = await this.officers.create(actor, body, { confirmDistinct: query.confirmDistinct === true, idempotencyKey });
    return toCreatedOfficerResponse(created);
  }

  /** Commission only. Audited; the date of birth travels in the body, never in the URL. */
  @Roles('commission_admin', 'commission_investigator', 'commission_adjudicator')
  @ApiOperation({ summary: 'Search officers', operationId: 'searchOfficers' })
  @Post('search')
  @HttpCode(200)
  async search(@CurrentActor() actor: Actor, @Body() body: SearchOfficersDto): Promise<OfficerSearchResponse> {
    return toOfficerSearchResponse(await this.records.search(actor, body));
  }

  /**
   * The restricted record: the commission, and agencies that employ or employed the officer.
   * Anyone else gets the same 404 as for an unknown POST ID. Every read is audited.
   */
  @AnyAuthenticated()
  @ApiOperation({ summary: 'Get an officer record', operationId: 'getOfficerRecord' })
  @Get(':postId')
  async get(@CurrentActor() actor: Actor, @PostIdParam() postId: string): Promise<OfficerRecordResponse> {
    const record = await this.records.getRecord(actor, postId);
    // The licence is where certification says it stands today (its one effective-status rule),
    // asked once the record and its access check are in: certification depends on officers, not the reverse.
    return toOfficerRecordResponse(record, await this.certification.standingOf(record.officer.id));
  }
}
