import { Controller, Get, Header, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@app/auth';
import type { Actor } from '@app/core';
import { ImportsService } from '@app/imports';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { PageQueryDto } from '../common/pagination.dto';
import { IdParamDto } from '../common/uuid-param.dto';
import { ApiProblems } from '../openapi/api-problems';
import {
  ImportFlagPage,
  ImportPage,
  ImportRejectionPage,
  ImportResponse,
  StartImportQueryDto,
  toFlagResponse,
  toImportResponse,
  toRejectionResponse,
} from './dto/import.dto';
import { importBody, NDJSON_MEDIA_TYPE } from './import-body';

/** A state's existing records, loaded from the system being replaced (API.md "Imports"; commission_admin only). */
@ApiTags('imports')
@Roles('commission_admin')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /**
   * The file is the body: `text/csv` (a header row with the kind's field names; an optional BOM;
   * quoted fields may hold commas and newlines) or `application/x-ndjson` (one JSON object a
   * line). Streamed into the registry, never held whole: up to 2,000,000 rows and 1 GiB. A header
   * that does not fit the kind (`400 IMPORT.CSV_HEADER_INVALID`), an unreadable file
   * (`400 IMPORT.MALFORMED`), more rows (`400 IMPORT.TOO_MANY_ROWS`) or bytes (`413`) refuse the
   * whole file and nothing is kept. Otherwise `202`, with `Location`: a durable job processes the
   * rows in chunks; `GET /imports/:id` shows its progress.
   */
  @ApiOperation({ summary: 'Start an import', operationId: 'startImport' })
  @ApiProblems(413)
  @Post()
  @HttpCode(202)
  @ApiConsumes('text/csv', NDJSON_MEDIA_TYPE)
  @ApiBody({ schema: { type: 'string', description: 'The file: CSV with a header row, or NDJSON' } })
  @ApiHeader({ name: 'Location', description: 'The new import (response header)', required: false })
  async start(
    @CurrentActor() actor: Actor,
    @Query() query: StartImportQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportResponse> {
    const { format, body } = importBody(request);
    const view = await this.imports.receive(actor, { kind: query.kind, dryRun: query.dryRun ?? false, format, body });
    reply.header('Location', `${request.url.split('?')[0].replace(/\/$/, '')}/${view.id}`);
    return toImportResponse(view);
  }

  /** Newest first. */
  @ApiOperation({ summary: 'List imports', operationId: 'listImports' })
  @Get()
  async list(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<ImportPage> {
    const page = await this.imports.list(actor, query);
    return { items: page.items.map(toImportResponse), nextCursor: page.nextCursor };
  }

  /** The import with its live progress: `processed` grows while it runs. */
  @ApiOperation({ summary: 'Get an import', operationId: 'getImport' })
  @Get(':id')
  async get(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<ImportResponse> {
    return toImportResponse(await this.imports.get(actor, id));
  }

  /** Rejected rows in row order, each with every error (field, reason, message). */
  @ApiOperation({ summary: "List an import's rejected rows", operationId: 'listImportRejections' })
  @Get(':id/rejections')
  async rejections(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() query: PageQueryDto): Promise<ImportRejectionPage> {
    const page = await this.imports.rejections(actor, id, query);
    return { items: page.items.map(toRejectionResponse), nextCursor: page.nextCursor };
  }

  /** The rejections as CSV: `row,sourceId,field,reason,message`, one line per error. */
  @ApiOperation({ summary: "Export an import's rejected rows as CSV", operationId: 'exportImportRejections' })
  @Get(':id/rejections.csv')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  rejectionsCsv(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<Readable> {
    return this.imports.rejectionsCsv(actor, id);
  }

  /** Officers created although likely duplicates (same date of birth, a similar name), against the registry and within the file. */
  @ApiOperation({ summary: "List an import's likely duplicates", operationId: 'listImportFlags' })
  @Get(':id/flags')
  async flags(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto, @Query() query: PageQueryDto): Promise<ImportFlagPage> {
    const page = await this.imports.flags(actor, id, query);
    return { items: page.items.map(toFlagResponse), nextCursor: page.nextCursor };
  }

  /** `sourceId,postId` for every officer the import created or found. */
  @ApiOperation({ summary: "Export an import's officers as CSV", operationId: 'exportImportOfficers' })
  @Get(':id/officers.csv')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  officersCsv(@CurrentActor() actor: Actor, @Param() { id }: IdParamDto): Promise<Readable> {
    return this.imports.officersCsv(actor, id);
  }
}
