import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyAuthenticated, CurrentActor, Roles } from '@app/auth';
import { CertificationConditionsService, CertificationDecisionsService, CertificationService, CertificationView } from '@app/certification';
import type { Actor } from '@app/core';
import { DisciplineFactsService } from '@app/discipline';
import { PostIdParam } from '../common/post-id-param';
import { invalidRequest } from '../http/validation';
import { CertificationTransitionDto, CertifyDto, SatisfyConditionDto } from './dto/certification-request.dto';
import { caseIdsIn, CertificationResponse, CertifiedResponse, toCertificationResponse, toCertifiedResponse } from './dto/certification-response.dto';
import { ApiProblems } from '../openapi/api-problems';

const CONDITION_ID = new ParseUUIDPipe({ exceptionFactory: () => invalidRequest([{ field: 'conditionId', message: 'conditionId must be a UUID' }]) });

@ApiTags('certification')
@Controller('officers/:postId/certification')
export class CertificationController {
  constructor(
    private readonly certification: CertificationService,
    private readonly decisions: CertificationDecisionsService,
    private readonly conditions: CertificationConditionsService,
    private readonly discipline: DisciplineFactsService,
  ) {}

  /**
   * Initial certification or a new term (c. 6E §4(f)(1)); 422 lists every unmet requirement at once.
   * With `conditions`, a conditional certification (555 CMR 7.04, 9.10); `422 conditions_not_allowed`
   * for a background check, a felony conviction or moral character.
   */
  @Roles('commission_adjudicator')
  @ApiOperation({ summary: 'Certify an officer', operationId: 'certifyOfficer' })
  @ApiProblems(409, 422)
  @Post()
  async certify(@CurrentActor() actor: Actor, @PostIdParam() postId: string, @Body() body: CertifyDto): Promise<CertifiedResponse> {
    const view = await this.decisions.certify(actor, postId, body);
    return toCertifiedResponse(view, await this.caseNumbersIn(actor, view));
  }

  /** Another term when the current term's in-service hours are met (c. 6E §4(f)(3)); else 422 `in_service_hours_short`. */
  @Roles('commission_adjudicator')
  @ApiOperation({ summary: 'Renew a certification', operationId: 'renewCertification' })
  @ApiProblems(409, 422)
  @Post('renewal')
  @HttpCode(200)
  async renew(@CurrentActor() actor: Actor, @PostIdParam() postId: string): Promise<CertificationResponse> {
    const view = await this.decisions.renew(actor, postId);
    return toCertificationResponse(view, await this.caseNumbersIn(actor, view));
  }

  /** Transitions outside cases: inactivate, reactivate, admin_suspend, lift_admin_suspension, accept_relinquishment. */
  @Roles('commission_adjudicator')
  @ApiOperation({ summary: 'Change a certification status', operationId: 'transitionCertification' })
  @ApiProblems(409, 422)
  @Post('transitions')
  @HttpCode(200)
  async transition(@CurrentActor() actor: Actor, @PostIdParam() postId: string, @Body() body: CertificationTransitionDto): Promise<CertificationResponse> {
    const view = await this.decisions.transition(actor, postId, body);
    return toCertificationResponse(view, await this.caseNumbersIn(actor, view));
  }

  /** A condition met (555 CMR 9.10), with the evidence accepted; 409 when it already is. */
  @Roles('commission_adjudicator')
  @ApiOperation({ summary: 'Satisfy a certification condition', operationId: 'satisfyCertificationCondition' })
  @ApiProblems(404, 409, 422)
  @Post('conditions/:conditionId/satisfy')
  @HttpCode(200)
  async satisfy(
    @CurrentActor() actor: Actor,
    @PostIdParam() postId: string,
    @Param('conditionId', CONDITION_ID) conditionId: string,
    @Body() body: SatisfyConditionDto,
  ): Promise<CertificationResponse> {
    const view = await this.conditions.satisfy(actor, postId, conditionId, body.evidence);
    return toCertificationResponse(view, await this.caseNumbersIn(actor, view));
  }

  /**
   * Commission roles; an agency that employs or employed the officer. Anyone else: the same 404 as an unknown POST ID.
   * Every read is audited; an agency sees a case named only once the commission decided it.
   */
  @AnyAuthenticated()
  @ApiOperation({ summary: "Get an officer's certification", operationId: 'getCertification' })
  @Get()
  async get(@CurrentActor() actor: Actor, @PostIdParam() postId: string): Promise<CertificationResponse> {
    const view = await this.certification.get(actor, postId);
    return toCertificationResponse(view, await this.caseNumbersIn(actor, view));
  }

  /**
   * History rows name their case by number (API.md `caseNumber`). The numbers are discipline's,
   * and discipline depends on certification, not the reverse: the two answers meet here, where
   * both contexts are in reach, after certification's answer (and its access check) is in.
   * Discipline says which cases the reader may see named (the rule of the hiring answer too);
   * the others are shown by neither number nor id.
   */
  private caseNumbersIn(actor: Actor, view: CertificationView): Promise<Map<string, string>> {
    return this.discipline.caseNumbersFor(actor, caseIdsIn(view));
  }
}
