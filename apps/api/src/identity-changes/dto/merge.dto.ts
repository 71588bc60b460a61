import type { MergedOfficer } from '@app/merges';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Matches } from 'class-validator';
import { MaxLength, MinLength } from '../../common/text-length';

export class MergeOfficerDto {
  /** The record merged into this one (it keeps answering with this one). */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @Matches(/^[A-Z]{2}-[0-9]{6,}$/, { message: 'duplicatePostId must look like MA-000042' })
  duplicatePostId: string;

  /** Why the two records are one person, 1 to 2000 characters. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1, { message: 'reason must not be empty or only whitespace' })
  @MaxLength(2000, { message: 'reason must be at most 2000 characters' })
  reason: string;

  /** Required (`true`) when the two records' dates of birth differ: the commission confirms one of them is wrong. */
  @IsOptional()
  @IsBoolean()
  confirmDifferentBirthDates?: boolean;
}

/** How many of the duplicate's records moved to the survivor, by kind. */
export class MergeMovedResponse {
  cases: number;
  reports: number;
  notices: number;
  /** The duplicate's disputes, open and resolved (each keeps the record it was opened against). */
  disputes: number;
}

export class MergedOfficerResponse {
  /** The surviving record. */
  postId: string;
  name: string;
  /** Every record merged into this one; each of those POST IDs answers with this record. */
  mergedFrom: string[];
  /** The certification the merged officer carries: the worse standing of the two (a revocation on either survives). */
  certificationStatus: string;
  /** `survivor` or `duplicate`: whose certification state was kept. */
  certificationKeptFrom: string;
  moved: MergeMovedResponse;
}

export const toMergedOfficerResponse = (merged: MergedOfficer): MergedOfficerResponse => ({
  postId: merged.postId,
  name: merged.name,
  mergedFrom: merged.mergedFrom,
  certificationStatus: merged.certificationStatus,
  certificationKeptFrom: merged.certificationKeptFrom,
  moved: { cases: merged.moved.cases, reports: merged.moved.reports, notices: merged.moved.notices, disputes: merged.moved.disputes },
});
