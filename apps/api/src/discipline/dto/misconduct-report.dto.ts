import { AGENCY_FINDINGS, MISCONDUCT_CATEGORIES } from '@app/discipline';
import type { AgencyFinding, MisconductCategory, MisconductReportView, ReportVersionView } from '@app/discipline';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { MaxLength, MinLength } from '../../common/text-length';
import { IsIsoDate } from '../../common/is-iso-date';
import { PageQueryDto } from '../../common/pagination.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value);
export const POST_ID = /^[A-Z]{2}-[0-9]{6,}$/;

export class CreateMisconductReportDto {
  /** The officer's POST ID; the officer must be or have been employed by the caller's agency. */
  @Transform(upper)
  @IsString()
  @Matches(POST_ID, { message: 'postId must look like MA-000042' })
  postId: string;

  /** `YYYY-MM-DD`, not after today. */
  @IsIsoDate()
  incidentDate: string;

  /** When the agency received the complaint (c. 6E §8(b): report within 2 business days); not before the incident. */
  @IsIsoDate()
  receivedOn: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MISCONDUCT_CATEGORIES.length)
  @IsIn(MISCONDUCT_CATEGORIES, { each: true })
  categories: MisconductCategory[];

  /** 1 to 10,000 characters. */
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  summary: string;

  @IsIn(AGENCY_FINDINGS)
  agencyFinding: AgencyFinding;

  /** Discipline the agency imposed, up to 2,000 characters. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2_000)
  discipline?: string;
}

/** A new version of the report: omitted fields keep their value; `discipline: null` clears it. */
export class AmendMisconductReportDto {
  @IsOptional()
  @IsIsoDate()
  incidentDate?: string;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MISCONDUCT_CATEGORIES.length)
  @IsIn(MISCONDUCT_CATEGORIES, { each: true })
  categories?: MisconductCategory[];

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(10_000)
  summary?: string;

  @IsOptional()
  @IsIn(AGENCY_FINDINGS)
  agencyFinding?: AgencyFinding;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2_000)
  discipline?: string | null;

  /** Why the report changes, 1 to 2,000 characters. */
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2_000)
  reason: string;

  /** The version being amended; a report amended meanwhile is refused with 409. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  expectedVersion?: number;
}

export class ListMisconductReportsQueryDto extends PageQueryDto {
  @IsOptional()
  @Transform(upper)
  @IsString()
  @Matches(POST_ID, { message: 'postId must look like MA-000042' })
  postId?: string;
}

export class ReportVersionResponse {
  version: number;
  incidentDate: string;
  categories: MisconductCategory[];
  summary: string;
  agencyFinding: AgencyFinding;
  discipline: string | null;
  amendmentReason: string | null;
  recordedAt: string;
}

export class MisconductReportResponse {
  id: string;
  postId: string;
  agencyId: string;
  /** The current version; earlier ones are kept (`versions` on the single read). */
  version: number;
  incidentDate: string;
  receivedOn: string;
  filedOn: string;
  /** Last day the c. 6E §8(b) deadline allowed. */
  dueOn: string;
  /** Filed after `dueOn` (REPORT_DEADLINE_BUSINESS_DAYS business days after `receivedOn`). */
  late: boolean;
  categories: MisconductCategory[];
  summary: string;
  agencyFinding: AgencyFinding;
  discipline: string | null;
  createdAt: string;
  updatedAt: string;
  versions?: ReportVersionResponse[];
  /** The officer disputes the report (an open dispute; it stands until the commission resolves it). */
  disputed?: boolean;
}

export class MisconductReportPage {
  items: MisconductReportResponse[];
  nextCursor: string | null;
}

const toVersionResponse = (v: ReportVersionView): ReportVersionResponse => ({
  version: v.version,
  incidentDate: v.incidentDate,
  categories: v.categories,
  summary: v.summary,
  agencyFinding: v.agencyFinding,
  discipline: v.discipline,
  amendmentReason: v.amendmentReason,
  recordedAt: v.recordedAt,
});

export const toMisconductReportResponse = (r: MisconductReportView): MisconductReportResponse => ({
  id: r.id,
  postId: r.postId,
  agencyId: r.agencyId,
  version: r.version,
  incidentDate: r.incidentDate,
  receivedOn: r.receivedOn,
  filedOn: r.filedOn,
  dueOn: r.dueOn,
  late: r.late,
  categories: r.categories,
  summary: r.summary,
  agencyFinding: r.agencyFinding,
  discipline: r.discipline,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  ...(r.versions ? { versions: r.versions.map(toVersionResponse) } : {}),
  ...(r.disputed !== undefined ? { disputed: r.disputed } : {}),
});
