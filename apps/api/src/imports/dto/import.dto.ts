import { IMPORT_KINDS, IMPORT_STATUSES } from '@app/imports';
import type { Flag, ImportKind, ImportView, Rejection } from '@app/imports';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';

export class StartImportQueryDto {
  /** What the file holds (API.md "Imports" lists each kind's fields). */
  @ApiProperty({ enum: IMPORT_KINDS })
  @IsIn(IMPORT_KINDS, { message: `kind must be one of: ${IMPORT_KINDS.join(', ')}` })
  kind: ImportKind;

  /** `true`: validate every row and report, writing nothing but the import's own record. */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: "dryRun must be 'true' or 'false'" })
  dryRun?: boolean;
}

export class ImportResponse {
  id: string;
  @ApiProperty({ enum: IMPORT_KINDS })
  kind: ImportKind;
  dryRun: boolean;
  @ApiProperty({ enum: IMPORT_STATUSES })
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  /** Data rows in the file. */
  total: number;
  /** Rows processed so far: `accepted + unchanged + rejected`. */
  processed: number;
  /** Rows written (in a dry run: rows that would be); a flagged row counts here too. */
  accepted: number;
  /** Rows an earlier import already wrote with the same content. */
  unchanged: number;
  rejected: number;
  /** Officers created but flagged as likely duplicates. */
  flagged: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export class ImportPage {
  items: ImportResponse[];
  nextCursor: string | null;
}

export class ImportRowErrorResponse {
  field: string;
  /** Stable code: `missing`, `invalid`, `not_in_set`, `unknown_field`, `in_future`, `ends_before_start`, `duplicate_in_file`, `unknown_officer`, `unknown_agency`, `unknown_course`, `unknown_academy`, `hours_exceed_course`, `already_employed`, `certification_exists`, `changed_since_import`, `unreadable`, … */
  reason: string;
  message: string;
}

export class ImportRejectionResponse {
  /** The data row's number (1 = the first row after the CSV header, or the first NDJSON line). */
  row: number;
  sourceId: string | null;
  errors: ImportRowErrorResponse[];
}

export class ImportRejectionPage {
  items: ImportRejectionResponse[];
  nextCursor: string | null;
}

export class ImportFlagCandidateResponse {
  /** The registry's officer; null for an earlier row of the same file in a dry run (see `row`). */
  postId: string | null;
  name: string;
  matchScore: number;
  /** An earlier row of this file (dry run). */
  row?: number;
}

export class ImportFlagResponse {
  row: number;
  sourceId: string | null;
  /** The officer created for the row (null in a dry run). */
  postId: string | null;
  candidates: ImportFlagCandidateResponse[];
}

export class ImportFlagPage {
  items: ImportFlagResponse[];
  nextCursor: string | null;
}

export const toImportResponse = (view: ImportView): ImportResponse => ({ ...view });

export const toRejectionResponse = (r: Rejection): ImportRejectionResponse => ({
  row: r.row,
  sourceId: r.sourceId,
  errors: r.errors.map(({ field, reason, message }) => ({ field, reason, message })),
});

export const toFlagResponse = (f: Flag): ImportFlagResponse => ({
  row: f.row,
  sourceId: f.sourceId,
  postId: f.postId,
  candidates: f.candidates.map((c) => ({ postId: c.postId, name: c.name, matchScore: c.matchScore, ...(c.row !== undefined ? { row: c.row } : {}) })),
});
