import type { HireCommand, HireView } from '@app/hiring';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID } from 'class-validator';
import { MaxLength, MinLength } from '../../common/text-length';
import { IsIsoDate } from '../../common/is-iso-date';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateEmploymentDto {
  /**
   * `YYYY-MM-DD`, a real date: on or after the day of the hiring check and at most 30 days
   * after it (else `422 EMPLOYMENT.START_DATE_OUTSIDE_CHECK`, reasons
   * `start_before_hiring_check`, `start_too_far_ahead`), and before the officer's certification
   * ends (else `422 EMPLOYMENT.CERTIFICATION_ENDS_BEFORE_START`).
   */
  @IsIsoDate()
  startDate: string;

  /** 1 to 100 characters, e.g. `Patrol Officer`. */
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'position must not be empty or only whitespace' })
  @MaxLength(100, { message: 'position must be at most 100 characters' })
  position: string;

  /**
   * Your agency's own hiring check of this officer, made within the last 30 days. Without
   * one (or with `null`) the hire is refused with `422` and reason `hiring_check_missing_or_stale`.
   * A check that did not show a warning the officer carries now (a separation under
   * investigation, a new open case or sustained finding) is refused with `422
   * EMPLOYMENT.HIRING_CHECK_OUTDATED`, reason `warnings_since_check` with those warnings: make a
   * new check.
   */
  @IsOptional()
  @IsUUID('all', { message: 'hiringCheckId must be a UUID' })
  hiringCheckId?: string;
}

export class EmploymentResponse {
  id: string;
  postId: string;
  agencyId: string;
  position: string;
  startDate: string;
  /** Null while employed; set by the separation. */
  endDate: string | null;
  /** The check that cleared the hire. */
  hiringCheckId: string;
  createdAt: string;
}

export const toHireCommand = (body: CreateEmploymentDto): HireCommand => ({
  startDate: body.startDate,
  position: body.position,
  hiringCheckId: body.hiringCheckId ?? undefined,
});

export const toEmploymentResponse = (hire: HireView): EmploymentResponse => ({
  id: hire.id,
  postId: hire.postId,
  agencyId: hire.agencyId,
  position: hire.position,
  startDate: hire.startDate,
  endDate: hire.endDate,
  hiringCheckId: hire.hiringCheckId,
  createdAt: hire.createdAt,
});
