import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { AuditService, auditLogEmpty, ChainCheck } from '@app/audit';
import { Public, Roles } from '@app/auth';
import { publicThrottle } from '../http/throttling';
import { AuditEntryResponse, AuditHeadResponse, AuditQueryDto, AuditVerifyQueryDto, toAuditEntryResponse } from './dto/audit.dto';

@ApiTags('audit')
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @ApiBearerAuth()
  @Roles('commission_admin')
  @Get('audit')
  async list(@Query() query: AuditQueryDto): Promise<{ items: AuditEntryResponse[]; nextCursor: string | null }> {
    const page = await this.audit.list(query);
    return { items: page.items.map(toAuditEntryResponse), nextCursor: page.nextCursor };
  }

  /** Recomputes the chain; with a head saved earlier, proves it was not rewritten or truncated. */
  @ApiBearerAuth()
  @Roles('commission_admin')
  @Get('audit/verify')
  verify(@Query() query: AuditVerifyQueryDto): Promise<ChainCheck> {
    return this.audit.verify(query.knownSeq !== undefined ? { seq: query.knownSeq, hash: query.knownHash! } : undefined);
  }

  /** The published chain head: anyone may keep a copy and later prove the log intact. */
  @Public()
  @Throttle(publicThrottle)
  @Get('public/audit/head')
  async head(): Promise<AuditHeadResponse> {
    const head = await this.audit.head();
    if (!head) throw auditLogEmpty();
    return head;
  }
}
