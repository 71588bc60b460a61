import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@app/auth';
import type { Actor } from '@app/core';
import { RosterService } from '@app/hiring';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { IdParamDto } from '../common/uuid-param.dto';
import { RosterPage, RosterQueryDto, toRosterEntryResponse } from './dto/roster.dto';

/** `Accept: text/csv` asks for the file; anything else (or nothing) gets JSON. */
const wantsCsv = (request: FastifyRequest) => /(^|,)\s*text\/csv\s*(;|,|$)/i.test(request.headers.accept ?? '');

@ApiTags('hiring')
@Controller('organizations/:id/officers')
export class RosterController {
  constructor(private readonly roster: RosterService) {}

  /**
   * The agency's current employees by POST ID, each with the certification status it reads
   * today, the term's end and whether the officer is hireable. With `Accept: text/csv`, every
   * page as one CSV file (`limit` and `cursor` do not apply). The agency's own users and the
   * commission; another organization's is a 404, as for an unknown agency.
   */
  @Roles('agency_admin', 'agency_hiring', 'commission_admin', 'commission_investigator', 'commission_adjudicator')
  @ApiOperation({ summary: "List an agency's roster", operationId: 'listAgencyRoster' })
  @ApiExtraModels(RosterPage)
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({
    content: {
      'application/json': { schema: { $ref: getSchemaPath(RosterPage) } },
      'text/csv': { schema: { type: 'string', description: 'postId,name,position,startDate,certificationStatus,expiresOn,hireable' } },
    },
  })
  @Get()
  async list(
    @CurrentActor() actor: Actor,
    @Param() { id }: IdParamDto,
    @Query() query: RosterQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RosterPage | Readable> {
    const filter = { status: query.status, expiringWithinDays: query.expiringWithinDays };
    if (wantsCsv(request)) {
      const csv = await this.roster.csv(actor, id, filter);
      reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="roster.csv"');
      return csv;
    }
    const page = await this.roster.page(actor, id, filter, query);
    return { items: page.items.map(toRosterEntryResponse), nextCursor: page.nextCursor };
  }
}
