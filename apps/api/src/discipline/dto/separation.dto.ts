import type { SeparationView } from '@app/discipline';
import { SEPARATION_NATURES } from '@app/officers';
import type { SeparationNature } from '@app/officers';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString } from 'class-validator';
import { MaxLength, MinLength } from '../../common/text-length';
import { IsIsoDate } from '../../common/is-iso-date';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class SeparationDto {
  /** Last day of employment: not before its start, not after today. */
  @IsIsoDate()
  endDate: string;

  @IsIn(SEPARATION_NATURES)
  nature: SeparationNature;

  /** The reason given, 1 to 2,000 characters. */
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(2_000)
  reason: string;

  /** 555 CMR 12.03: true when the officer left while an investigation was pending; shown to every later hiring check. */
  @IsBoolean()
  underInvestigation: boolean;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(4_000)
  notes?: string;
}

export class SeparationResponse {
  employmentId: string;
  postId: string;
  agencyId: string;
  position: string;
  startDate: string;
  endDate: string;
  nature: SeparationNature;
  reason: string;
  underInvestigation: boolean;
  notes: string | null;
}

export const toSeparationResponse = (s: SeparationView): SeparationResponse => ({
  employmentId: s.employmentId,
  postId: s.postId,
  agencyId: s.agencyId,
  position: s.position,
  startDate: s.startDate,
  endDate: s.endDate,
  nature: s.nature,
  reason: s.reason,
  underInvestigation: s.underInvestigation,
  notes: s.notes,
});
