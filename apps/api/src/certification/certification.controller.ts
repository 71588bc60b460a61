import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyAuthenticated, CurrentActor, Roles } from '@app/auth';
import { CertificationService } from '@app/certification';
import type { Actor } from '@app/core';
import { PostIdParam } from '../common/post-id-param';
import { CertificationTransitionDto, CertifyDto } from './dto/certification-request.dto';
import { CertificationResponse, CertifiedResponse, toCertificationResponse, toCertifiedResponse } from './dto/certification-response.dto';

@ApiTags('certification')
@ApiBearerAuth()
@Controller('officers/:postId/certification')
export class CertificationController {
  constructor(private readonly certification: CertificationService) {}

  /** Initial certification or a new term (c. 6E §4(f)(1)); 422 lists every unmet requirement at once. */
  @Roles('commission_adjudicator')
  @Post()
  async certify(@CurrentActor() actor: Actor, @PostIdParam() postId: string, @Body() body: CertifyDto): Promise<CertifiedResponse> {
    return toCertifiedResponse(await this.certification.certify(actor, postId, body));
  }

  /** Another term when the current term's in-service hours are met (c. 6E §4(f)(3)); else 422 `in_service_hours_short`. */
  @Roles('commission_adjudicator')
  @Post('renewal')
  @HttpCode(200)
  async renew(@CurrentActor() actor: Actor, @PostIdParam() postId: string): Promise<CertificationResponse> {
    return toCertificationResponse(await this.certification.renew(actor, postId));
  }

  /** Transitions outside cases: inactivate, reactivate, admin_suspend, lift_admin_suspension, accept_relinquishment. */
  @Roles('commission_adjudicator')
  @Post('transitions')
  @HttpCode(200)
  async transition(
    @CurrentActor() actor: Actor,
    @PostIdParam() postId: string,
    @Body() body: CertificationTransitionDto,
  ): Promise<CertificationResponse> {
    return toCertificationResponse(await this.certification.transition(actor, postId, body));
  }

  /** Commission roles; an agency that employs or employed the officer. Anyone else: the same 404 as an unknown POST ID. */
  @AnyAuthenticated()
  @Get()
  async get(@CurrentActor() actor: Actor, @PostIdParam() postId: string): Promise<CertificationResponse> {
    return toCertificationResponse(await this.certification.get(actor, postId));
  }
}
