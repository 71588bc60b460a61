import { Body, Controller, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@app/auth';
import type { Actor } from '@app/core';
import { HiresService } from '@app/hiring';
import { ApiIdempotencyKey, IdempotencyKeyHeader } from '../common/idempotency-key';
import { PostIdParam } from '../common/post-id-param';
import { CreateEmploymentDto, EmploymentResponse, toEmploymentResponse, toHireCommand } from './dto/employment.dto';
import { ApiProblems } from '../openapi/api-problems';

@ApiTags('employment')
@Controller('officers/:postId/employments')
export class EmploymentsController {
  constructor(private readonly hires: HiresService) {}

  /**
   * Records a hire by the caller's agency. Needs the agency's own hiring check of this officer
   * from the last 30 days, a start date within 30 days of that check, a hireable officer at this
   * moment whose certification runs on the start date, and a check that showed every warning
   * the officer carries now; else `422` with `reasons[]` (see the body's fields).
   */
  @Roles('agency_admin', 'agency_hiring')
  @ApiOperation({ summary: 'Record a hire', operationId: 'recordHire' })
  @ApiProblems(409, 422)
  @Post()
  @ApiIdempotencyKey()
  async hire(
    @CurrentActor() actor: Actor,
    @PostIdParam() postId: string,
    @Body() body: CreateEmploymentDto,
    @IdempotencyKeyHeader() idempotencyKey?: string,
  ): Promise<EmploymentResponse> {
    return toEmploymentResponse(await this.hires.hire(actor, postId, toHireCommand(body), idempotencyKey));
  }
}
