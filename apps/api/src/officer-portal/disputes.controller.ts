import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@app/auth';
import { COMMISSION_ROLES } from '@app/core';
import type { Actor } from '@app/core';
import { DisputesService } from '@app/disputes';
import { IdParamDto } from '../common/uuid-param.dto';
import { ApiProblems } from '../openapi/api-problems';
import { DisputePage, DisputeResponse, ListDisputesQueryDto, ResolveDisputeDto, toDisputeResponse } from './dto/disputes.dto';

/** The commission's side of officers' disputes (API.md "Officers' own accounts"). */
@ApiTags('disputes')
@Controller('disputes')
export class DisputesController {
  constructor(private readonly disputes: DisputesService) {}

  /** Every officer's disputes, newest first; `?status=open` is the commission's queue, `?postId=` one officer's. */
  @Roles(...COMMISSION_ROLES)
  @ApiOperation({ summary: 'List disputes', operationId: 'listDisputes' })
  @ApiProblems()
  @Get()
  async list(@CurrentActor() actor: Actor, @Query() query: ListDisputesQueryDto): Promise<DisputePage> {
    const page = await this.disputes.list(actor, query);
    return { items: page.items.map(toDisputeResponse), nextCursor: page.nextCursor };
  }

  /**
   * Resolves a dispute, once (a second resolution: 409): `corrected` after the record was
   * corrected through its own route, `rejected`, or `referred`. The officer gets a
   * `dispute_resolved` notice.
   */
  @Roles('commission_admin', 'commission_adjudicator')
  @ApiOperation({ summary: 'Resolve a dispute', operationId: 'resolveDispute' })
  @ApiProblems(404, 409)
  @Post(':id/resolve')
  @HttpCode(200)
  async resolve(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Body() body: ResolveDisputeDto): Promise<DisputeResponse> {
    return toDisputeResponse(await this.disputes.resolve(actor, id, body));
  }
}
