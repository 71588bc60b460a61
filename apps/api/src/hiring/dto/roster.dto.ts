import { CERTIFICATION_STATUSES } from '@app/certification';
import type { CertificationStatus } from '@app/certification';
import type { RosterEntry } from '@app/hiring';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../common/pagination.dto';

/** Ten years: longer than any term (CERTIFICATION_TERM_YEARS), so no real question is refused. */
export const MAX_EXPIRING_WITHIN_DAYS = 3660;

export class RosterQueryDto extends PageQueryDto {
  /** Only officers whose certification reads this status today (an ended term reads `lapsed`). */
  @ApiPropertyOptional({ enum: CERTIFICATION_STATUSES })
  @IsOptional()
  @IsIn(CERTIFICATION_STATUSES)
  status?: CertificationStatus;

  /** Only certified officers whose term ends within this many days (1 to 3660). */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_EXPIRING_WITHIN_DAYS })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_EXPIRING_WITHIN_DAYS)
  expiringWithinDays?: number;
}

export class RosterEntryResponse {
  postId: string;
  name: string;
  position: string;
  /** YYYY-MM-DD */
  startDate: string;
  @ApiProperty({ enum: CERTIFICATION_STATUSES })
  certificationStatus: CertificationStatus;
  /** YYYY-MM-DD: the day the term ends (no longer certified on it). */
  expiresOn: string | null;
  /** Certified with the term running, and no revocation in another jurisdiction. */
  hireable: boolean;
}

export class RosterPage {
  items: RosterEntryResponse[];
  nextCursor: string | null;
}

export const toRosterEntryResponse = (entry: RosterEntry): RosterEntryResponse => ({
  postId: entry.postId,
  name: entry.name,
  position: entry.position,
  startDate: entry.startDate,
  certificationStatus: entry.certificationStatus,
  expiresOn: entry.expiresOn,
  hireable: entry.hireable,
});
