import {
  ADMIN_SUSPENSION_REASONS,
  CERTIFICATION_TRANSITION_ACTIONS,
  CONDITION_REQUEST_BASES,
  MAX_CONDITION_DESCRIPTION_LENGTH,
  MAX_CONDITION_EVIDENCE_LENGTH,
  MAX_CONDITIONS,
  MAX_DISCLOSURES_LENGTH,
} from '@app/certification';
import type { CertificationTransitionAction } from '@app/certification';
import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, ValidateBy, ValidateNested } from 'class-validator';
import { IsIsoDate } from '../../common/is-iso-date';
import { MaxLength, MinLength } from '../../common/text-length';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** One condition of a conditional certification (555 CMR 7.04, 9.10). */
export class CertificationConditionDto {
  /** What is still due, e.g. "complete 40 hours of in-service training". */
  @ApiProperty({ maxLength: MAX_CONDITION_DESCRIPTION_LENGTH })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'description must not be empty' })
  @MaxLength(MAX_CONDITION_DESCRIPTION_LENGTH)
  description: string;

  /** The last day to meet it: after the certification's effective date, not after its term ends. */
  @ApiProperty({ format: 'date' })
  @IsIsoDate()
  dueOn: string;

  /**
   * What blocks full certification: `training`, `leave`, `hardship`, `documents` allow a condition;
   * `background_check`, `felony_conviction`, `moral_character` are refused (`422 conditions_not_allowed`).
   */
  @ApiProperty({ enum: CONDITION_REQUEST_BASES })
  @IsIn(CONDITION_REQUEST_BASES)
  basis: (typeof CONDITION_REQUEST_BASES)[number];
}

export class SatisfyConditionDto {
  /** What shows the condition met (a course record, a document received). Shown to the commission only; never audited or logged. */
  @ApiProperty({ maxLength: MAX_CONDITION_EVIDENCE_LENGTH })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'evidence must not be empty' })
  @MaxLength(MAX_CONDITION_EVIDENCE_LENGTH)
  evidence: string;
}

export class CertifyDto {
  /** The first day of the term; defaults to today. May be backdated, not past the last recorded change, never in the future. */
  @ApiProperty({ required: false, format: 'date' })
  @IsOptional()
  @IsIsoDate()
  effectiveOn?: string;

  /** The commission's background-check finding (DOMAIN.md: an attestation, not computed); recorded in the audit entry. */
  @IsOptional()
  @IsBoolean()
  backgroundCheckAttested?: boolean;

  /** The commission's fitness and moral-character finding; recorded in the audit entry. */
  @IsOptional()
  @IsBoolean()
  fitnessAttested?: boolean;

  /** A conditional certification (555 CMR 7.04, 9.10): up to 10 conditions, each with a due date and its basis. */
  @ApiProperty({ required: false, type: [CertificationConditionDto], maxItems: MAX_CONDITIONS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_CONDITIONS)
  @ValidateNested({ each: true })
  @Type(() => CertificationConditionDto)
  conditions?: CertificationConditionDto[];
}

/**
 * A field whose rule depends on `action`: one validator rather than `@ValidateIf` (several
 * ValidateIf on one property are AND-ed and would skip the refusal of a misplaced field).
 */
function DependsOnAction(name: string, check: (value: unknown, action: unknown) => string | null): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown, args) => check(value, (args?.object as { action?: unknown }).action) === null,
      defaultMessage: (args) => check(args?.value, (args?.object as { action?: unknown }).action) ?? `${args?.property} is invalid`,
    },
  });
}

const isText = (value: unknown, max: number) => typeof value === 'string' && value.trim().length > 0 && value.length <= max;

export const MAX_STATED_REASON_LENGTH = 500;

export class CertificationTransitionDto {
  @ApiProperty({ enum: CERTIFICATION_TRANSITION_ACTIONS })
  @IsIn(CERTIFICATION_TRANSITION_ACTIONS)
  action: CertificationTransitionAction;

  /**
   * `admin_suspend`: required, `in_service_training` or `failure_to_report` (c. 6E §9, POST practice), or
   * `condition_unmet` once a condition of a conditional certification is overdue (555 CMR 9.10; else 422).
   * Other actions: the stated reason written into the history row (optional, up to 500 characters).
   */
  @ApiProperty({ required: false, type: String, maxLength: MAX_STATED_REASON_LENGTH, example: 'in_service_training' })
  @Transform(trim)
  @DependsOnAction('reasonForAction', (value, action) => {
    if (action === 'admin_suspend') {
      return (ADMIN_SUSPENSION_REASONS as readonly unknown[]).includes(value)
        ? null
        : `reason must be one of ${ADMIN_SUSPENSION_REASONS.join(', ')} for admin_suspend`;
    }
    return value === undefined || isText(value, MAX_STATED_REASON_LENGTH) ? null : `reason must be 1 to ${MAX_STATED_REASON_LENGTH} characters`;
  })
  reason?: string;

  /** The date the change takes effect; defaults to today. Not in the future, not before the last recorded change. */
  @IsOptional()
  @IsIsoDate()
  effectiveOn?: string;

  /** `accept_relinquishment` only, and required there: the application's disclosures. Restricted: stored apart, never returned, logged or audited. */
  @ApiProperty({ required: false, type: String, maxLength: MAX_DISCLOSURES_LENGTH })
  @DependsOnAction('disclosuresForAction', (value, action) => {
    if (action !== 'accept_relinquishment') return value === undefined ? null : 'disclosures are accepted only with accept_relinquishment';
    return isText(value, MAX_DISCLOSURES_LENGTH) ? null : `disclosures are required with accept_relinquishment, 1 to ${MAX_DISCLOSURES_LENGTH} characters`;
  })
  disclosures?: string;
}
