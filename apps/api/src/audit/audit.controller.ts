import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { AuditService, auditLogEmpty, ChainCheck } from '@app/audit';
import { CurrentActor, Public, Roles } from '@app/auth';
import type { Actor } from '@app/core';
import { WorkspaceService } from '@app/workspace';
import { invalidRequest } from '../http/validation';
import { publicThrottle } from '../http/throttling';
import { AuditChainCheckResponse, AuditEntryPage, AuditHeadResponse, AuditQueryDto, AuditVerifyQueryDto, toAuditEntryResponse } from './dto/audit.dto';
import { ApiProblems } from '../openapi/api-problems';

@ApiTags('audit')
@Controller()
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly workspace: WorkspaceService,
  ) {}

  /**
   * The audit log, newest entry first (commission admin only): all of it, one entity's
   * (`entityType`, `entityId`), or every entry about one officer whatever the entity (`postId`).
   */
  @Roles('commission_admin')
  @ApiOperation({ summary: 'List audit entries', operationId: 'listAuditEntries' })
  @Get('audit')
  async list(@CurrentActor() actor: Actor, @Query() query: AuditQueryDto): Promise<AuditEntryPage> {
    if (query.postId !== undefined && (query.entityType !== undefined || query.entityId !== undefined)) {
      throw invalidRequest([{ field: 'postId', message: 'postId cannot be combined with entityType or entityId' }]);
    }
    const page = query.postId !== undefined ? await this.workspace.officerAudit(actor, query.postId, query) : await this.audit.list(query);
    return { items: page.items.map(toAuditEntryResponse), nextCursor: page.nextCursor };
  }

  /** Recomputes the chain; with a head saved earlier, proves it was not rewritten or truncated. */
  @Roles('commission_admin')
  @ApiOperation({ summary: 'Verify the audit chain', operationId: 'verifyAuditChain' })
  @Get('audit/verify')
  @ApiOkResponse({ type: AuditChainCheckResponse })
  verify(@Query() query: AuditVerifyQueryDto): Promise<ChainCheck> {
    return this.audit.verify(query.knownSeq !== undefined ? { seq: query.knownSeq, hash: query.knownHash! } : undefined);
  }

  /** The published chain head: anyone may keep a copy and later prove the log intact. */
  @Public()
  @Throttle(publicThrottle)
  @ApiOperation({ summary: 'Get the audit chain head', operationId: 'getAuditHead' })
  @ApiProblems(404)
  @Get('public/audit/head')
  async head(): Promise<AuditHeadResponse> {
    const head = await this.audit.head();
    if (!head) throw auditLogEmpty();
    return head;
  }
}
