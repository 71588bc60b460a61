import { ApiProperty } from '@nestjs/swagger';
import {
  CompletionField,
  completionFieldRules,
  CourseKind,
  MAX_BATCH_RECORDS,
  StoredCompletion,
  type CompletionResult,
  type OfficerCompletion,
} from '@app/training';
import { Transform } from 'class-transformer';
import { IsArray, IsOptional, IsString, Matches, ValidateBy, ValidationOptions } from 'class-validator';
import { PageQueryDto } from '../../common/pagination.dto';
import { MaxLength, MinLength } from '../../common/text-length';

/**
 * Delegates to the training context's pure field rule, the one the batch import runs on
 * every row: a record is judged identically by both endpoints.
 */
function SatisfiesCompletionRule(field: CompletionField, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: `completion_${field}`,
      validator: {
        validate: (value: unknown) => completionFieldRules[field](value) === null,
        defaultMessage: (args) => completionFieldRules[field](args?.value) ?? `${field} is invalid`,
      },
    },
    options,
  );
}

export class RecordTrainingCompletionDto {
  /** The officer's POST ID. */
  @ApiProperty({ example: 'MA-000042', pattern: '^[A-Z]{2}-[0-9]{6,}$' })
  @SatisfiesCompletionRule('postId')
  postId: string;

  /** A code from `GET /courses`. */
  @ApiProperty({ example: 'MPTC-BASIC' })
  @SatisfiesCompletionRule('courseCode')
  courseCode: string;

  /** A real calendar date, not after today. */
  @ApiProperty({ example: '2025-06-30', format: 'date' })
  @SatisfiesCompletionRule('completedOn')
  completedOn: string;

  /** More than 0, at most 2000, at most 2 decimals. */
  @ApiProperty({ example: 40, minimum: 0.01, maximum: 2000 })
  @SatisfiesCompletionRule('hours')
  hours: number;

  @ApiProperty({ enum: ['pass', 'fail'] })
  @SatisfiesCompletionRule('result')
  result: CompletionResult;

  /** The academy's own reference, 1 to 100 printable characters: the idempotency key, per academy. */
  @ApiProperty({ example: 'ROSTER-2025-06/0042', minLength: 1, maxLength: 100 })
  @SatisfiesCompletionRule('externalRef')
  externalRef: string;
}

/**
 * `application/json` form of a batch. Each record is judged on its own (a bad record is
 * reported in `rejected`, not a 400 for the whole batch), so `records` is only checked
 * to be an array here. The `text/csv` form has a header row with the same six field names.
 */
export class TrainingBatchJsonDto {
  @ApiProperty({ type: [RecordTrainingCompletionDto], maxItems: MAX_BATCH_RECORDS, minItems: 1 })
  @IsArray()
  records: unknown[];
}

export class TrainingCompletionResponse {
  id: string;
  postId: string;
  courseCode: string;
  completedOn: string;
  hours: number;
  result: CompletionResult;
  externalRef: string;
  /** The academy that recorded it: always the caller's organization. */
  academyId: string;
  recordedAt: string;
}

export class OfficerTrainingItem extends TrainingCompletionResponse {
  courseKind: CourseKind;
  courseTitle: string;
  /** Recorded in error and voided: kept in the history, counted toward neither certification nor renewal. */
  voided: boolean;
  voidedAt: string | null;
  /** The user or API key that voided it. */
  voidedBy: string | null;
  voidReason: string | null;
  /** The officer disputes this completion (an open dispute; it counts as recorded until the commission resolves it). */
  disputed: boolean;
}

export class VoidTrainingCompletionDto {
  /** Why the completion was recorded in error, 1 to 2000 characters. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1, { message: 'reason must not be empty or only whitespace' })
  @MaxLength(2000, { message: 'reason must be at most 2000 characters' })
  reason: string;
}

/** `?postId=&limit=&cursor=`; any other parameter is a 400. */
export class ListAcademyCompletionsQueryDto extends PageQueryDto {
  /** Only this officer's completions (a merged officer's POST ID finds the survivor's). */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value))
  @IsString()
  @Matches(/^[A-Z]{2}-[0-9]{6,}$/, { message: 'postId must look like MA-000042' })
  postId?: string;
}

export class OfficerTrainingPage {
  items: OfficerTrainingItem[];
  nextCursor: string | null;
}

export class RowErrorResponse {
  field: string;
  /** `invalid`, `missing`, `unknown_field`, `unknown_post_id`, `unknown_course_code`, `completed_on_in_future`, `external_ref_conflict`. */
  reason: string;
  message: string;
}

export class RejectedRowResponse {
  /** 1-based data row: `records[0]` is row 1; in CSV the header is row 0 and the first data record row 1 (a quoted newline does not start a new row). */
  row: number;
  externalRef: string | null;
  errors: RowErrorResponse[];
}

export class TrainingBatchResponse {
  /** Rows stored by this request. */
  accepted: number;
  /** Rows identical to ones the academy had already recorded under the same externalRef (retries). */
  unchanged: number;
  rejected: RejectedRowResponse[];
}

export const toTrainingCompletionResponse = (c: StoredCompletion): TrainingCompletionResponse => ({
  id: c.id,
  postId: c.postId,
  courseCode: c.courseCode,
  completedOn: c.completedOn,
  hours: c.hours,
  result: c.result,
  externalRef: c.externalRef,
  academyId: c.academyId,
  recordedAt: c.recordedAt.toISOString(),
});

export const toOfficerTrainingItem = (c: OfficerCompletion): OfficerTrainingItem => ({
  ...toTrainingCompletionResponse(c),
  courseKind: c.courseKind,
  courseTitle: c.courseTitle,
  voided: c.voided !== null,
  voidedAt: c.voided ? c.voided.voidedAt.toISOString() : null,
  voidedBy: c.voided ? c.voided.voidedBy : null,
  voidReason: c.voided ? c.voided.reason : null,
  disputed: c.disputed,
});
