import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@app/auth';
import type { Actor } from '@app/core';
import { COMMISSION_ROLES } from '@app/core';
import { ReportsService, SeparationsService } from '@app/discipline';
import { IdParamDto } from '../common/uuid-param.dto';
import {
  AmendMisconductReportDto,
  CreateMisconductReportDto,
  ListMisconductReportsQueryDto,
  MisconductReportPage,
  MisconductReportResponse,
  toMisconductReportResponse,
} from './dto/misconduct-report.dto';
import { SeparationDto, SeparationResponse, toSeparationResponse } from './dto/separation.dto';
import { ApiIdempotencyKey, IdempotencyKeyHeader } from '../common/idempotency-key';
import { ApiProblems } from '../openapi/api-problems';

/** Misconduct reports and separations: what agencies tell the commission (c. 6E §8(b), 555 CMR 12.03). */
@ApiTags('misconduct')
@Controller()
export class MisconductReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly separations: SeparationsService,
  ) {}

  /** About an officer the agency employs or employed; `late` when filed after the business-day deadline. */
  @Roles('agency_admin')
  @ApiOperation({ summary: 'File a misconduct report', operationId: 'createMisconductReport' })
  @ApiProblems(404, 422)
  @Post('misconduct-reports')
  @ApiIdempotencyKey()
  async create(
    @CurrentActor() actor: Actor,
    @Body() body: CreateMisconductReportDto,
    @IdempotencyKeyHeader() idempotencyKey?: string,
  ): Promise<MisconductReportResponse> {
    return toMisconductReportResponse(await this.reports.create(actor, body, idempotencyKey));
  }

  /** Adds a version; the earlier ones are kept. */
  @Roles('agency_admin')
  @ApiOperation({ summary: 'Amend a misconduct report', operationId: 'amendMisconductReport' })
  @ApiProblems(422)
  @Post('misconduct-reports/:id/amendments')
  @ApiIdempotencyKey()
  async amend(
    @CurrentActor() actor: Actor,
    @Param() { id }: IdParamDto,
    @Body() body: AmendMisconductReportDto,
    @IdempotencyKeyHeader() idempotencyKey?: string,
  ): Promise<MisconductReportResponse> {
    return toMisconductReportResponse(await this.reports.amend(actor, id, body, idempotencyKey));
  }

  /** The caller agency's own reports; commission roles see every agency's. */
  @Roles('agency_admin', ...COMMISSION_ROLES)
  @ApiOperation({ summary: 'List misconduct reports', operationId: 'listMisconductReports' })
  @Get('misconduct-reports')
  async list(@CurrentActor() actor: Actor, @Query() query: ListMisconductReportsQueryDto): Promise<MisconductReportPage> {
    const page = await this.reports.list(actor, query);
    return { items: page.items.map(toMisconductReportResponse), nextCursor: page.nextCursor };
  }

  /** With every version, oldest first. */
  @Roles('agency_admin', ...COMMISSION_ROLES)
  @ApiOperation({ summary: 'Get a misconduct report', operationId: 'getMisconductReport' })
  @Get('misconduct-reports/:id')
  async get(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<MisconductReportResponse> {
    return toMisconductReportResponse(await this.reports.get(actor, id));
  }

  /** The employing agency's admin only; `409` when the employment already ended. */
  @Roles('agency_admin')
  @ApiOperation({ summary: 'Record a separation', operationId: 'recordSeparation' })
  @ApiProblems(409, 422)
  @Post('employments/:id/separation')
  @HttpCode(200)
  async separate(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() body: SeparationDto): Promise<SeparationResponse> {
    return toSeparationResponse(await this.separations.separate(actor, id, body));
  }
}
