import { ApiPropertyOptional } from '@nestjs/swagger';
import type { PublicOfficerRecord } from '@app/public';
import { PUBLIC_NAME_MAX_LENGTH, PUBLIC_NAME_MIN_LENGTH, PUBLIC_PAGE_DEFAULT, PUBLIC_PAGE_MAX } from '@app/public';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { MaxLength, MinLength } from '../../common/text-length';

/** `GET /public/officers?name=&limit=&cursor=`: a name only, never a date of birth (DOMAIN.md "What is public"). */
export class PublicOfficerSearchQueryDto {
  /** 2 to 100 characters after trimming; misspellings, swapped names and prior names match. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(PUBLIC_NAME_MIN_LENGTH, { message: `name must be ${PUBLIC_NAME_MIN_LENGTH} to ${PUBLIC_NAME_MAX_LENGTH} characters` })
  @MaxLength(PUBLIC_NAME_MAX_LENGTH, { message: `name must be ${PUBLIC_NAME_MIN_LENGTH} to ${PUBLIC_NAME_MAX_LENGTH} characters` })
  name: string;

  /** Page size (declared for OpenAPI: the CLI plugin reads a property with a default as required). */
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: PUBLIC_PAGE_MAX,
    default: PUBLIC_PAGE_DEFAULT,
    description: `Page size, 1 to ${PUBLIC_PAGE_MAX} (default ${PUBLIC_PAGE_DEFAULT}).`,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(PUBLIC_PAGE_MAX)
  limit: number = PUBLIC_PAGE_DEFAULT;

  /** Opaque cursor from the previous page's `nextCursor`. */
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

export class PublicAgencyResponse {
  name: string;
  startDate: string;
  /** Null while the officer still serves there. */
  endDate: string | null;
}

export class PublicActionResponse {
  /** `suspension`, `revocation` or `retraining`: final orders only (c. 6E §13(a)). */
  type: string;
  effectiveOn: string;
  /** First day a suspension no longer applies; null for revocations and retraining orders. */
  endsOn: string | null;
  /** Public category of the sustained ground, e.g. `criminal_conduct`. */
  groundCategory: string;
  /** The agency the officer served at when the order took effect. */
  agency: string | null;
}

/** The whole public record: nothing restricted (no date of birth, SSN, open cases, reports, hiring checks). */
export class PublicOfficerResponse {
  /** e.g. `MA-000042`. */
  postId: string;
  name: string;
  /** A certification status, or `under_review` while a decided action is not final. */
  certificationStatus: string;
  firstCertifiedOn: string | null;
  /**
   * The first day of the current (or last) term; while a term renewed early has not begun, the
   * day it was renewed (never a date to come).
   */
  lastCertifiedOn: string | null;
  /** Every employing agency, oldest first. */
  agencies: PublicAgencyResponse[];
  /** Final suspensions, revocations and retraining orders, oldest first. */
  publicActions: PublicActionResponse[];
  /** Present when duplicate records were merged into this one: their POST IDs, each of which answers with this record. */
  mergedFrom?: string[];
}

export class PublicOfficerPageResponse {
  /** Best match first. */
  items: PublicOfficerResponse[];
  nextCursor: string | null;
}

export function toPublicOfficerResponse(record: PublicOfficerRecord): PublicOfficerResponse {
  return {
    postId: record.postId,
    name: record.name,
    certificationStatus: record.certificationStatus,
    firstCertifiedOn: record.firstCertifiedOn,
    lastCertifiedOn: record.lastCertifiedOn,
    agencies: record.agencies.map((a) => ({ name: a.name, startDate: a.startDate, endDate: a.endDate })),
    publicActions: record.publicActions.map((a) => ({
      type: a.type,
      effectiveOn: a.effectiveOn,
      endsOn: a.endsOn,
      groundCategory: a.groundCategory,
      agency: a.agency,
    })),
    ...(record.mergedFrom ? { mergedFrom: [...record.mergedFrom] } : {}),
  };
}
