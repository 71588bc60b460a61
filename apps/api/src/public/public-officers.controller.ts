import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { Public } from '@app/auth';
import { PublicRecordsService } from '@app/public';
import { PostIdParam } from '../common/post-id-param';
import { publicThrottle } from '../http/throttling';
import { PublicOfficerPageResponse, PublicOfficerResponse, PublicOfficerSearchQueryDto, toPublicOfficerResponse } from './dto/public-officer.dto';

/** The public portal (c. 6E §13, 555 CMR 8.06): no credentials, its own rate limit. */
@ApiTags('public')
@Public()
@Throttle(publicThrottle)
@Controller('public')
export class PublicOfficersController {
  constructor(private readonly records: PublicRecordsService) {}

  /** Officers who served or were certified, found by name (misspellings tolerated), best match first. */
  @ApiOperation({ summary: 'Search public officer records', operationId: 'searchPublicOfficers' })
  @Get('officers')
  async search(@Query() query: PublicOfficerSearchQueryDto): Promise<PublicOfficerPageResponse> {
    const page = await this.records.search(query);
    return { items: page.items.map(toPublicOfficerResponse), nextCursor: page.nextCursor };
  }

  /** One officer's public record; unknown and unlisted POST IDs are the same 404. */
  @ApiOperation({ summary: "Get an officer's public record", operationId: 'getPublicOfficer' })
  @Get('officers/:postId')
  async get(@PostIdParam() postId: string): Promise<PublicOfficerResponse> {
    return toPublicOfficerResponse(await this.records.get(postId));
  }

  /** Final suspensions, revocations and retraining orders as CSV: postId, name, actionType, effectiveOn, endsOn, groundCategory, agency. */
  @ApiOperation({ summary: 'Export final disciplinary actions as CSV', operationId: 'exportDisciplinaryActions' })
  @Get('disciplinary-actions.csv')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="disciplinary-actions.csv"')
  disciplinaryActions(): Promise<string> {
    return this.records.disciplinaryActionsCsv();
  }
}
