import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { AnyAuthenticated, CurrentActor, Roles } from '@app/auth';
import type { Actor } from '@app/core';
import { COMMISSION_ROLES } from '@app/core';
import { CasesService, GroundsService } from '@app/discipline';
import { IdParamDto } from '../common/uuid-param.dto';
import { CaseActionPipe } from './case-action.pipe';
import { CASE_ACTION_DTOS } from './dto/case-action.dto';
import type { CaseActionDto } from './dto/case-action.dto';
import { GroundResponse, ListCasesQueryDto, OpenCaseDto, toGroundResponse } from './dto/case.dto';
import { CasePage, CaseResponse, ReportingAgencyCaseResponse, toCaseReadResponse, toCaseResponse } from './dto/case-response.dto';
import { ApiIdempotencyKey, IdempotencyKeyHeader } from '../common/idempotency-key';
import { ApiProblems } from '../openapi/api-problems';

const ACTION_DTOS = Object.values(CASE_ACTION_DTOS);

/** Commission proceedings against a certification (DOMAIN.md "Cases"). */
@ApiTags('cases')
@Controller()
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly grounds: GroundsService,
  ) {}

  /** The grounds a case may rest on (c. 6E §10(a) mandatory, §10(b) and §3(a) discretionary). */
  @AnyAuthenticated()
  @ApiOperation({ summary: 'List case grounds', operationId: 'listGrounds' })
  @Get('grounds')
  async listGrounds(): Promise<GroundResponse[]> {
    return (await this.grounds.list()).map(toGroundResponse);
  }

  /** Opens a case against an officer's certification on one or more grounds (see GET /grounds), linking the misconduct reports it rests on. */
  @Roles('commission_investigator')
  @ApiOperation({ summary: 'Open a case', operationId: 'openCase' })
  @ApiProblems(404, 422)
  @Post('cases')
  @ApiIdempotencyKey()
  async open(@CurrentActor() actor: Actor, @Body() body: OpenCaseDto, @IdempotencyKeyHeader() idempotencyKey?: string): Promise<CaseResponse> {
    return toCaseResponse(await this.cases.open(actor, body, idempotencyKey));
  }

  /** Commission roles: cases newest first, filtered by status, officer or an overdue interim hearing. */
  @Roles(...COMMISSION_ROLES)
  @ApiOperation({ summary: 'List cases', operationId: 'listCases' })
  @Get('cases')
  async list(@CurrentActor() actor: Actor, @Query() query: ListCasesQueryDto): Promise<CasePage> {
    const page = await this.cases.list(actor, query);
    return { items: page.items.map(toCaseResponse), nextCursor: page.nextCursor };
  }

  /** Commission roles: the whole case with its timeline. The reporting agency: status and outcome. Others: 404. */
  @Roles(...COMMISSION_ROLES, 'agency_admin')
  @ApiOperation({ summary: 'Get a case', operationId: 'getCase' })
  @Get('cases/:id')
  @ApiExtraModels(CaseResponse, ReportingAgencyCaseResponse)
  @ApiOkResponse({
    schema: {
      oneOf: [{ $ref: getSchemaPath(CaseResponse) }, { $ref: getSchemaPath(ReportingAgencyCaseResponse) }],
      discriminator: {
        propertyName: 'view',
        mapping: { commission: getSchemaPath(CaseResponse), reporting_agency: getSchemaPath(ReportingAgencyCaseResponse) },
      },
    },
  })
  async get(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<CaseResponse | ReportingAgencyCaseResponse> {
    return toCaseReadResponse(await this.cases.get(actor, id));
  }

  /**
   * One action with its own payload and the `expectedVersion` last read. The role each action
   * needs is checked by the workflow (403); a stale version is a 409; an action the status does
   * not allow a 422 with `allowedActions`.
   */
  @Roles('commission_investigator', 'commission_adjudicator')
  @ApiOperation({ summary: 'Take an action on a case', operationId: 'actOnCase' })
  @ApiProblems(409, 422)
  @Post('cases/:id/actions')
  @HttpCode(200)
  @ApiExtraModels(...ACTION_DTOS)
  @ApiBody({ schema: { oneOf: ACTION_DTOS.map((dto) => ({ $ref: getSchemaPath(dto) })), discriminator: { propertyName: 'action' } } })
  async act(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body(CaseActionPipe) body: CaseActionDto): Promise<CaseResponse> {
    return toCaseResponse(await this.cases.act(actor, id, body));
  }
}
