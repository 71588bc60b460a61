import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { AnyAuthenticated, CurrentActor, Roles } from '@app/auth';
import type { Actor } from '@app/core';
import { AcademyCompletionsService, COMPLETION_FIELDS, TrainingCompletionsService } from '@app/training';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PageQueryDto } from '../common/pagination.dto';
import { readTrainingBatch } from './batch-body';
import {
  ListAcademyCompletionsQueryDto,
  OfficerTrainingItem,
  OfficerTrainingPage,
  RecordTrainingCompletionDto,
  toOfficerTrainingItem,
  toTrainingCompletionResponse,
  TrainingBatchJsonDto,
  TrainingBatchResponse,
  TrainingCompletionResponse,
  VoidTrainingCompletionDto,
} from './dto/training-completion.dto';
import { IdParamDto } from '../common/uuid-param.dto';
import { PostIdParam } from '../common/post-id-param';
import { ApiProblems } from '../openapi/api-problems';

@ApiTags('training')
@Controller()
export class TrainingCompletionsController {
  constructor(
    private readonly completions: TrainingCompletionsService,
    private readonly academyCompletions: AcademyCompletionsService,
  ) {}

  /**
   * Records a completion for the caller's academy: `201` when new; the same `externalRef`
   * with the same body again → `200` with the original; with a different body → `409
   * TRAINING.EXTERNAL_REF_CONFLICT`. An unknown `postId` or `courseCode`, or a
   * `completedOn` after today → `422` with `reasons[]` and `errors[{field, reason, message}]`.
   */
  @Roles('academy_registrar')
  @ApiOperation({ summary: 'Record a training completion', operationId: 'recordTrainingCompletion' })
  @ApiProblems(409, 422)
  @Post('training-completions')
  @ApiCreatedResponse({ type: TrainingCompletionResponse, description: 'Recorded.' })
  @ApiOkResponse({ type: TrainingCompletionResponse, description: 'An identical earlier submission: the original record.' })
  async record(
    @CurrentActor() actor: Actor,
    @Body() body: RecordTrainingCompletionDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TrainingCompletionResponse> {
    const { created, completion } = await this.completions.record(actor, body);
    reply.status(created ? 201 : 200);
    return toTrainingCompletionResponse(completion);
  }

  /**
   * The caller academy's own completions, newest first (by `completedOn`), voided ones
   * included; `postId` narrows them to one officer (an unknown one: an empty list).
   */
  @Roles('academy_registrar')
  @ApiOperation({ summary: "List the academy's training completions", operationId: 'listAcademyTrainingCompletions' })
  @Get('training-completions')
  async listForAcademy(@CurrentActor() actor: Actor, @Query() query: ListAcademyCompletionsQueryDto): Promise<OfficerTrainingPage> {
    const page = await this.academyCompletions.list(actor, query);
    return { items: page.items.map(toOfficerTrainingItem), nextCursor: page.nextCursor };
  }

  /**
   * Up to 10,000 records as JSON `{records: [...]}` or as `text/csv` with a header row
   * naming the six fields (any order, comma-separated, UTF-8, an optional BOM, quoted
   * fields may hold commas and newlines). Every row is judged with the single-record
   * rules; valid rows are stored, the others reported. Row numbers count data rows from
   * 1 (`records[0]`, or the first CSV record after the header, which is row 0). More than
   * 10,000 records → `400 TRAINING.BATCH_TOO_LARGE`; a CSV whose header is not exactly
   * the six fields → `400 TRAINING.CSV_HEADER_INVALID`; a damaged CSV (unclosed quote, a
   * row with more or fewer fields than the header) → `400 TRAINING.CSV_MALFORMED`. In
   * those cases, and if anything fails while storing, nothing of the batch is stored.
   */
  @Roles('academy_registrar')
  @ApiOperation({ summary: 'Import a batch of training completions', operationId: 'importTrainingBatch' })
  @Post('training-completions/batch')
  @HttpCode(200)
  @ApiConsumes('application/json', 'text/csv')
  @ApiExtraModels(TrainingBatchJsonDto)
  @ApiBody({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(TrainingBatchJsonDto) },
        { type: 'string', description: `CSV: header row ${COMPLETION_FIELDS.join(',')}, then one completion per row` },
      ],
    },
  })
  async importBatch(@CurrentActor() actor: Actor, @Req() request: FastifyRequest): Promise<TrainingBatchResponse> {
    return this.completions.importBatch(actor, await readTrainingBatch(request));
  }

  /**
   * A completion recorded in error stays in the history marked voided (who, when, why) and no
   * longer counts toward certification or renewal; record the correction as a new completion
   * with a new `externalRef`. The academy that recorded it, or the commission administrator;
   * another academy's completion → `404`; voided already → `409 TRAINING.ALREADY_VOIDED`.
   */
  @Roles('academy_registrar', 'commission_admin')
  @ApiOperation({ summary: 'Void a training completion recorded in error', operationId: 'voidTrainingCompletion' })
  @ApiProblems(404, 409)
  @Post('training-completions/:id/void')
  @HttpCode(200)
  async voidCompletion(@CurrentActor() actor: Actor, @Param() params: IdParamDto, @Body() body: VoidTrainingCompletionDto): Promise<OfficerTrainingItem> {
    return toOfficerTrainingItem(await this.completions.voidCompletion(actor, params.id, body.reason));
  }

  /**
   * The officer's completions in date order. The commission sees all; an academy the ones
   * it recorded; an agency those of an officer it employs or employed (otherwise `404`).
   */
  @AnyAuthenticated()
  @ApiOperation({ summary: "List an officer's training", operationId: 'listOfficerTraining' })
  @Get('officers/:postId/training')
  async listForOfficer(@CurrentActor() actor: Actor, @PostIdParam() postId: string, @Query() query: PageQueryDto): Promise<OfficerTrainingPage> {
    const page = await this.completions.listForOfficer(actor, postId, query);
    return { items: page.items.map(toOfficerTrainingItem), nextCursor: page.nextCursor };
  }
}
