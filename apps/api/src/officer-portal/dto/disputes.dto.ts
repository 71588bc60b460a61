import { DISPUTE_OUTCOMES, DISPUTE_STATUSES, DISPUTE_SUBJECT_TYPES } from '@app/disputes';
import type { DisputeOutcome, DisputeStatus, DisputeSubjectType, DisputeView } from '@app/disputes';
import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsDefined, IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, ValidateNested } from 'class-validator';
import { POST_ID } from '../../discipline/dto/misconduct-report.dto';
import { PageQueryDto } from '../../common/pagination.dto';
import { MaxLength, MinLength } from '../../common/text-length';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class DisputeSubjectDto {
  /** The part of the record disputed. */
  @ApiProperty({ enum: DISPUTE_SUBJECT_TYPES })
  @IsIn(DISPUTE_SUBJECT_TYPES)
  type: DisputeSubjectType;

  /** The training completion, employment or misconduct report disputed; none for `identity` or `certification`. */
  @IsOptional()
  @IsUUID('all', { message: 'id must be a UUID' })
  id?: string;
}

export class OpenDisputeDto {
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => DisputeSubjectDto)
  subject: DisputeSubjectDto;

  /** What the officer says is wrong, in their words (up to 4,000 characters). */
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'statement must not be empty' })
  @MaxLength(4000)
  statement: string;
}

export class ResolveDisputeDto {
  /** `corrected`: the record was corrected through its own route; `rejected`: it stands; `referred`: sent on. */
  @ApiProperty({ enum: DISPUTE_OUTCOMES })
  @IsIn(DISPUTE_OUTCOMES)
  outcome: DisputeOutcome;

  /** Told to the officer with the outcome. */
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'reason must not be empty' })
  @MaxLength(4000)
  reason: string;
}

export class ListDisputesQueryDto extends PageQueryDto {
  @ApiProperty({ enum: DISPUTE_STATUSES, required: false })
  @IsOptional()
  @IsIn(DISPUTE_STATUSES)
  status?: DisputeStatus;

  /** One officer's disputes (a merged record's POST ID reads as its survivor's). */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value))
  @IsString()
  @Matches(POST_ID, { message: 'postId must look like MA-000042' })
  postId?: string;
}

export class DisputeSubjectResponse {
  @ApiProperty({ enum: DISPUTE_SUBJECT_TYPES })
  type: DisputeSubjectType;
  /** Null for the identity and the certification. */
  id: string | null;
}

export class DisputeResponse {
  id: string;
  postId: string;
  subject: DisputeSubjectResponse;
  statement: string;
  @ApiProperty({ enum: DISPUTE_STATUSES })
  status: DisputeStatus;
  openedAt: string;
  /** Once resolved. */
  @ApiProperty({ enum: DISPUTE_OUTCOMES, nullable: true })
  outcome: DisputeOutcome | null;
  /** The commission's reason, once resolved. */
  reason: string | null;
  resolvedAt: string | null;
}

export class DisputePage {
  items: DisputeResponse[];
  nextCursor: string | null;
}

export const toDisputeResponse = (d: DisputeView): DisputeResponse => ({
  id: d.id,
  postId: d.postId,
  subject: { type: d.subject.type, id: d.subject.id },
  statement: d.statement,
  status: d.status,
  openedAt: d.openedAt.toISOString(),
  outcome: d.outcome,
  reason: d.reason,
  resolvedAt: d.resolvedAt ? d.resolvedAt.toISOString() : null,
});
