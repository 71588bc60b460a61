import { ApiPropertyOptional } from '@nestjs/swagger';
import { AuditEntryEntity } from '@app/audit';
import { POST_ID_PATTERN } from '@app/officers';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Min, ValidateIf } from 'class-validator';
import { MaxLength } from '../../common/text-length';
import { PageQueryDto } from '../../common/pagination.dto';

export class AuditQueryDto extends PageQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityType?: string;

  @IsOptional()
  @IsString()
  @MaxLength(128)
  entityId?: string;

  /** Every entry about this officer, whatever the entity (not with entityType or entityId). */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @Matches(POST_ID_PATTERN, { message: 'postId must look like MA-000042' })
  postId?: string;
}

/** A head saved earlier (from /public/audit/head): both or neither. */
export class AuditVerifyQueryDto {
  @ValidateIf((q: AuditVerifyQueryDto) => q.knownHash !== undefined || q.knownSeq !== undefined)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  knownSeq?: number;

  @ValidateIf((q: AuditVerifyQueryDto) => q.knownHash !== undefined || q.knownSeq !== undefined)
  @IsString()
  @Matches(/^[0-9a-f]{64}$/, { message: 'knownHash must be 64 lower-case hex characters' })
  knownHash?: string;
}

export class AuditEntryResponse {
  seq: number;
  at: string;
  actorKind: string;
  actorId: string | null;
  organizationId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export class AuditEntryPage {
  items: AuditEntryResponse[];
  nextCursor: string | null;
}

export class AuditChainPosition {
  seq: number;
  hash: string;
}

export class AuditBrokenEntry {
  seq: number;
  reason: string;
}

/** The verdict of GET /audit/verify: `valid` with `entries` and `head`, or not, with `firstBrokenEntry`. */
export class AuditChainCheckResponse {
  valid: boolean;
  /** When valid: how many entries the chain holds. */
  entries?: number;
  /** When valid: the last entry, or null for an empty log. */
  @ApiPropertyOptional({ type: () => AuditChainPosition, nullable: true })
  head?: AuditChainPosition | null;
  /** When not valid: the first entry whose link or content does not match. */
  firstBrokenEntry?: AuditBrokenEntry;
}

export class AuditHeadResponse {
  seq: number;
  hash: string;
  at: string;
}

export const toAuditEntryResponse = (e: AuditEntryEntity): AuditEntryResponse => ({
  seq: Number(e.seq),
  at: e.at.toISOString(),
  actorKind: e.actorKind,
  actorId: e.actorId,
  organizationId: e.organizationId,
  action: e.action,
  entityType: e.entityType,
  entityId: e.entityId,
  requestId: e.requestId,
  details: e.details,
  prevHash: e.prevHash,
  hash: e.hash,
});
