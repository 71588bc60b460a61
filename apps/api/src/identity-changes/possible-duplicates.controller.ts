import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@app/auth';
import type { Actor } from '@app/core';
import { PossibleDuplicatesService } from '@app/officers';
import { PageQueryDto } from '../common/pagination.dto';
import { IdParamDto } from '../common/uuid-param.dto';
import { ApiProblems } from '../openapi/api-problems';
import {
  DismissPossibleDuplicateDto,
  PossibleDuplicatePageResponse,
  PossibleDuplicateResponse,
  toPossibleDuplicatePage,
  toPossibleDuplicateResponse,
} from './dto/possible-duplicate.dto';

@ApiTags('officers')
@Controller('officers/possible-duplicates')
export class PossibleDuplicatesController {
  constructor(private readonly duplicates: PossibleDuplicatesService) {}

  /** Open pairs of records that may be one person, oldest first. */
  @Roles('commission_admin', 'commission_investigator', 'commission_adjudicator')
  @ApiOperation({ summary: 'List possible duplicate officer records', operationId: 'listPossibleDuplicates' })
  @Get()
  async list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<PossibleDuplicatePageResponse> {
    return toPossibleDuplicatePage(await this.duplicates.listOpen(actor, query));
  }

  /** The two records are two people; an already settled pair is a 409. */
  @Roles('commission_admin')
  @ApiOperation({ summary: 'Dismiss a possible duplicate', operationId: 'dismissPossibleDuplicate' })
  @ApiProblems(404, 409)
  @Post(':id/dismiss')
  @HttpCode(200)
  async dismiss(@CurrentActor() actor: Actor, @Param() params: IdParamDto, @Body() body: DismissPossibleDuplicateDto): Promise<PossibleDuplicateResponse> {
    return toPossibleDuplicateResponse(await this.duplicates.dismiss(actor, params.id, body.reason));
  }
}
