import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '@app/auth';
import type { Actor } from '@app/core';
import { NoticesService } from '@app/notifications';
import { OfficersService } from '@app/officers';
import { PageQueryDto } from '../common/pagination.dto';
import { PostIdParam } from '../common/post-id-param';
import { ApiProblems } from '../openapi/api-problems';
import { ListNoticesQueryDto, NoticePageResponse, toNoticePageResponse } from './dto/notice.dto';

@ApiTags('notices')
@Controller()
export class NoticesController {
  constructor(
    private readonly notices: NoticesService,
    private readonly officers: OfficersService,
  ) {}

  /**
   * The notices to one officer of submissions about them (555 CMR 12.00), newest first, with
   * how each went: by email, or kept for the officer's portal. Commission roles; the officer's
   * own account reads its own (another officer's is the 404 of an unknown POST ID).
   */
  @Roles('commission_admin', 'commission_investigator', 'commission_adjudicator', 'officer')
  @ApiOperation({ summary: "List an officer's notices", operationId: 'listOfficerNotices' })
  @ApiProblems()
  @Get('officers/:postId/notices')
  async listForOfficer(@CurrentActor() actor: Actor, @PostIdParam() postId: string, @Query() query: PageQueryDto): Promise<NoticePageResponse> {
    // Officers sits above notifications: the officer (or the 404 of an unknown or hidden one, audited) is asked first.
    const officer = await this.officers.requireVisibleByPostId(actor, postId, 'notice.list');
    return toNoticePageResponse(await this.notices.listForOfficer(actor, { id: officer.id, postId: officer.postId }, query));
  }

  /** Every officer's notices, newest first; `?overdue=true` keeps those not sent by their `dueBy`, the commission's to chase. */
  @Roles('commission_admin', 'commission_investigator', 'commission_adjudicator')
  @ApiOperation({ summary: 'List notices to officers', operationId: 'listNotices' })
  @ApiProblems()
  @Get('notices')
  async list(@CurrentActor() actor: Actor, @Query() query: ListNoticesQueryDto): Promise<NoticePageResponse> {
    return toNoticePageResponse(await this.notices.list(actor, query));
  }
}
