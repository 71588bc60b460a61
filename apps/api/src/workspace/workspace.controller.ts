import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@app/auth';
import type { Actor } from '@app/core';
import { WorkspaceService } from '@app/workspace';
import { PageQueryDto } from '../common/pagination.dto';
import { StatsOverviewResponse, StatsQueryDto, toStatsOverviewResponse, toWorkItemResponse, WorkQueuePage } from './dto/workspace.dto';

/** The commission's workspace (API.md "Commission workspace"). */
@ApiTags('workspace')
@Roles('commission_admin', 'commission_investigator', 'commission_adjudicator')
@Controller()
export class WorkspaceController {
  constructor(private readonly workspace: WorkspaceService) {}

  /**
   * What is due, across every agency: case deadlines (response, hearing, interim hearing, appeal
   * window), late reports, overdue notices, possible duplicates, certifications ending within 60
   * days, failing webhooks. By due date, so overdue items come first.
   */
  @ApiOperation({ summary: 'List the work queue', operationId: 'listWorkQueue' })
  @Get('work-queue')
  async workQueue(@CurrentActor() actor: Actor, @Query() query: PageQueryDto): Promise<WorkQueuePage> {
    const page = await this.workspace.workQueue(actor, query);
    return { items: page.items.map(toWorkItemResponse), nextCursor: page.nextCursor };
  }

  /** The dashboard's figures; `from`/`to` bound the monthly series and the median (default: the last twelve months). */
  @ApiOperation({ summary: 'Get the registry overview figures', operationId: 'getStatsOverview' })
  @Get('stats/overview')
  async statsOverview(@CurrentActor() actor: Actor, @Query() query: StatsQueryDto): Promise<StatsOverviewResponse> {
    return toStatsOverviewResponse(await this.workspace.statsOverview(actor, query));
  }
}
