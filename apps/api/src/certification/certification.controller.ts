import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnyAuthenticated, CurrentActor, Roles } from '@app/auth';
import { CertificationDecisionsService, CertificationService, CertificationView } from '@app/certification';
import type { Actor } from '@app/core';
import { DisciplineFactsService } from '@app/discipline';
import { PostIdParam } from '../common/post-id-param';
import { CertificationTransitionDto, CertifyDto } from './dto/certification-request.dto';
import { caseIdsIn, CertificationResponse, CertifiedResponse, toCertificationResponse, toCertifiedResponse } from './dto/certification-response.dto';
import { ApiProblems } from '../openapi/api-problems';

@ApiTags('certification')
@Controller('officers/:postId/certification')
export class CertificationController {
  constructor(
    private readonly certification: CertificationService,
    private readonly decisions: CertificationDecisionsService,
    private readonly discipline: DisciplineFactsService,
  ) {}

  /** Initial certification or a new term (c. 6E §4(f)(1)); 422 lists every unmet requirement at once. */
  @Roles('commission_adjudicator')
  @ApiOperation({ summary: 'Certify an officer', operationId: 'certifyOfficer' })
  @ApiProblems(409, 422)
  @Post()
  async certify(@CurrentActor() actor: Actor, @PostIdParam() postId: string, @Body() body: CertifyDto): Promise<CertifiedResponse> {
    const view = await this.decisions.certify(actor, postId, body);
    return toCertifiedResponse(view, await this.caseNumbersIn(view));
  }

  /** Another term when the current term's in-service hours are met (c. 6E §4(f)(3)); else 422 `in_service_hours_short`. */
  @Roles('commission_adjudicator')
  @ApiOperation({ summary: 'Renew a certification', operationId: 'renewCertification' })
  @ApiProblems(409, 422)
  @Post('renewal')
  @HttpCode(200)
  async renew(@CurrentActor() actor: Actor, @PostIdParam() postId: string): Promise<CertificationResponse> {
    const view = await this.decisions.renew(actor, postId);
    return toCertificationResponse(view, await this.caseNumbersIn(view));
  }

  /** Transitions outside cases: inactivate, reactivate, admin_suspend, lift_admin_suspension, accept_relinquishment. */
  @Roles('commission_adjudicator')
  @ApiOperation({ summary: 'Change a certification status', operationId: 'transitionCertification' })
  @ApiProblems(409, 422)
  @Post('transitions')
  @HttpCode(200)
  async transition(@CurrentActor() actor: Actor, @PostIdParam() postId: string, @Body() body: CertificationTransitionDto): Promise<CertificationResponse> {
    const view = await this.decisions.transition(actor, postId, body);
    return toCertificationResponse(view, await this.caseNumbersIn(view));
  }

  /** Commission roles; an agency that employs or employed the officer. Anyone else: the same 404 as an unknown POST ID. */
  @AnyAuthenticated()
  @ApiOperation({ summary: "Get an officer's certification", operationId: 'getCertification' })
  @Get()
  async get(@CurrentActor() actor: Actor, @PostIdParam() postId: string): Promise<CertificationResponse> {
    const view = await this.certification.get(actor, postId);
    return toCertificationResponse(view, await this.caseNumbersIn(view));
  }

  /**
   * History rows name their case by number (API.md `caseNumber`). The numbers are discipline's,
   * and discipline depends on certification, not the reverse: the two answers meet here, where
   * both contexts are in reach, after certification's answer (and its access check) is in.
   */
  private caseNumbersIn(view: CertificationView): Promise<Map<string, string>> {
    return this.discipline.caseNumbersOf(caseIdsIn(view));
  }
}
