import { Body, Controller, Get, Header, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@app/auth';
import type { Actor } from '@app/core';
import { DisciplineOwnRecordService } from '@app/discipline';
import { DisputesService } from '@app/disputes';
import { OfficerAccountsService, OwnDisputesService, OwnRecordService } from '@app/officer-portal';
import { PageQueryDto } from '../common/pagination.dto';
import { PostIdParam } from '../common/post-id-param';
import { IdParamDto } from '../common/uuid-param.dto';
import { ApiProblems } from '../openapi/api-problems';
import { DisputePage, DisputeResponse, OpenDisputeDto, toDisputeResponse } from './dto/disputes.dto';
import { InviteOfficerDto, OfficerAnswerDto, OfficerInvitationResponse } from './dto/officer-account.dto';
import { OfficerCaseResponse, OwnRecordResponse, toOfficerCaseResponse, toOwnRecordResponse } from './dto/own-record.dto';

/** API.md "Officers' own accounts": the invitation, and what the officer does with the account. */
@ApiTags('portal')
@Controller()
export class OfficerPortalController {
  constructor(
    private readonly accounts: OfficerAccountsService,
    private readonly record: OwnRecordService,
    private readonly ownDisputes: OwnDisputesService,
    private readonly disputes: DisputesService,
    private readonly discipline: DisciplineOwnRecordService,
  ) {}

  /**
   * Invites the officer to the portal: an account with role `officer` and the officer's record
   * only, activated by a one-use link (a week). Mailed when the service has mail; otherwise the
   * link is returned once as `activationUrl`. commission_admin; the admin of the agency that
   * employs the officer now. An account already activated: `409 OFFICER_ACCOUNT.ACTIVE`.
   */
  @Roles('commission_admin', 'agency_admin')
  @ApiOperation({ summary: 'Invite an officer to the portal', operationId: 'inviteOfficer' })
  @ApiProblems(404, 409, 422)
  @Post('officers/:postId/account-invitations')
  @Header('Cache-Control', 'no-store')
  async invite(@CurrentActor() actor: Actor, @PostIdParam() postId: string, @Body() body: InviteOfficerDto): Promise<OfficerInvitationResponse> {
    const issued = await this.accounts.invite(actor, postId, body.email);
    return issued.url ? { expiresAt: issued.expiresAt, activationUrl: issued.url } : { expiresAt: issued.expiresAt };
  }

  /** The officer's whole record: identity, certification, training, employment, reports, cases, notices, disputes, and the hiring checks that found them. */
  @Roles('officer')
  @ApiOperation({ summary: 'Read my own record', operationId: 'getMyRecord' })
  @ApiProblems(404)
  @Get('me/record')
  async getRecord(@CurrentActor() actor: Actor): Promise<OwnRecordResponse> {
    return toOwnRecordResponse(await this.record.read(actor));
  }

  /**
   * The officer's answer to a case's notice, within the response window (after it:
   * `422 CASE.RULE_REFUSED` with `response_window_closed`). Another officer's case: 404.
   */
  @Roles('officer')
  @ApiOperation({ summary: 'Answer a notice in my case', operationId: 'answerMyCase' })
  @ApiProblems(404, 409, 422)
  @Post('me/cases/:id/response')
  @HttpCode(200)
  async answer(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() body: OfficerAnswerDto): Promise<OfficerCaseResponse> {
    return toOfficerCaseResponse(await this.discipline.respond(actor, id, body));
  }

  /**
   * Disputes a part of the officer's own record. It stays as it is, marked `disputed` to agencies
   * and the commission until the commission resolves the dispute. A record that is not the
   * officer's: 404; one dispute open per part: 409.
   */
  @Roles('officer')
  @ApiOperation({ summary: 'Dispute a part of my record', operationId: 'openDispute' })
  @ApiProblems(404, 409, 422)
  @Post('me/disputes')
  async openDispute(@CurrentActor() actor: Actor, @Body() body: OpenDisputeDto): Promise<DisputeResponse> {
    return toDisputeResponse(await this.ownDisputes.open(actor, body));
  }

  /** The officer's disputes, newest first, with the outcome and reason once resolved. */
  @Roles('officer')
  @ApiOperation({ summary: 'List my disputes', operationId: 'listMyDisputes' })
  @ApiProblems()
  @Get('me/disputes')
  async listMyDisputes(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<DisputePage> {
    const page = await this.disputes.listOwn(actor, query);
    return { items: page.items.map(toDisputeResponse), nextCursor: page.nextCursor };
  }
}
