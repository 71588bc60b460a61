import { CASE_STATUSES } from '@app/discipline';
import type { CaseStatus, GroundEntity } from '@app/discipline';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { MaxLength, MinLength } from '../../common/text-length';
import { PageQueryDto } from '../../common/pagination.dto';
import { POST_ID } from './misconduct-report.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value);

export class OpenCaseDto {
  @Transform(upper)
  @IsString()
  @Matches(POST_ID, { message: 'postId must look like MA-000042' })
  postId: string;

  /** Misconduct reports about this officer that the case rests on. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  reportIds?: string[];

  /** Codes from `GET /grounds`, each once. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(17)
  @IsString({ each: true })
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, { each: true, message: 'each ground must be a ground code' })
  grounds: string[];

  /** 1 to 10,000 characters. */
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  summary: string;
}

export class ListCasesQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @IsOptional()
  @Transform(upper)
  @IsString()
  @Matches(POST_ID, { message: 'postId must look like MA-000042' })
  postId?: string;

  /** `true`: only cases whose c. 6E §9 interim hearing is overdue; `false`: the others. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  interimHearingOverdue?: boolean;
}

export class GroundResponse {
  code: string;
  citation: string;
  mandatory: boolean;
  standardOfProof: string;
  /** What the public record shows for this ground. */
  category: string;
  description: string;
}

export const toGroundResponse = (g: GroundEntity): GroundResponse => ({
  code: g.code,
  citation: g.citation,
  mandatory: g.mandatory,
  standardOfProof: g.standardOfProof,
  category: g.category,
  description: g.description,
});
