import { APPEAL_OUTCOMES, INTERIM_HEARING_OUTCOMES, INTERIM_SUSPENSION_TRIGGERS, MAX_SUSPENSION_DAYS, PROPOSABLE_SANCTIONS, SANCTIONS } from '@app/discipline';
import type { AppealOutcome, CaseAction, InterimHearingOutcome, InterimSuspensionTrigger, ProposableSanction, Sanction } from '@app/discipline';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsIsoDate } from '../../common/is-iso-date';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Free text of a case action: trimmed, 1 to `max` characters. */
function Text(max: number): PropertyDecorator {
  return (target, key) => {
    Transform(trim)(target, key);
    IsString()(target, key);
    MinLength(1, { message: '$property must not be empty' })(target, key);
    MaxLength(max)(target, key);
  };
}

/** Every action carries the case version the client saw (409 when it moved on). */
abstract class CaseActionBase {
  /** The case's `version` as last read. */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  expectedVersion: number;
}

/** c. 6E §9: suspend at once, before any hearing (adjudicator). */
export class InterimSuspendActionDto extends CaseActionBase {
  @IsIn(['interim_suspend']) action: 'interim_suspend';
  @IsIn(INTERIM_SUSPENSION_TRIGGERS) trigger: InterimSuspensionTrigger;
  @Text(2_000) reason: string;
}

/** c. 6E §9 hearing on an interim suspension: requested, waived or held; `lifted` restores the prior status (adjudicator). */
export class RecordInterimHearingActionDto extends CaseActionBase {
  @IsIn(['record_interim_hearing']) action: 'record_interim_hearing';
  @IsOptional() @IsIsoDate() requestedOn?: string;
  /** The officer asked for the hearing sooner than 5 days after the suspension (c. 6E §9; 555 CMR 1.08). */
  @IsOptional() @IsBoolean() earlierHearingRequested?: boolean;
  @IsOptional() @IsIsoDate() heldOn?: string;
  @IsOptional() @IsBoolean() waived?: boolean;
  @IsIn(INTERIM_HEARING_OUTCOMES) outcome: InterimHearingOutcome;
}

/** Notice of grounds and proposed sanction; `responseDueOn` at least NOTICE_MIN_DAYS ahead (investigator). */
export class IssueNoticeActionDto extends CaseActionBase {
  @IsIn(['issue_notice']) action: 'issue_notice';
  @IsIn(PROPOSABLE_SANCTIONS) proposedSanction: ProposableSanction;
  @IsIsoDate() responseDueOn: string;
}

/** The officer's answer (investigator). */
export class RecordResponseActionDto extends CaseActionBase {
  @IsIn(['record_response']) action: 'record_response';
  @Text(10_000) summary: string;
  @IsBoolean() hearingRequested: boolean;
  @IsOptional() @IsBoolean() waivesHearing?: boolean;
}

export class ScheduleHearingActionDto extends CaseActionBase {
  @IsIn(['schedule_hearing']) action: 'schedule_hearing';
  @IsIsoDate() hearingOn: string;
}

export class RecordHearingActionDto extends CaseActionBase {
  @IsIn(['record_hearing']) action: 'record_hearing';
  @IsIsoDate() heldOn: string;
  @Text(10_000) summary: string;
}

export class FindingDto {
  /** A ground code of the case. */
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, { message: 'ground must be a ground code' })
  ground: string;
  @IsBoolean()
  sustained: boolean;
}

/** c. 6E §10 decision: a finding on every ground (adjudicator). */
export class DecideActionDto extends CaseActionBase {
  @IsIn(['decide']) action: 'decide';
  @IsIn(SANCTIONS) sanction: Sanction;
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FindingDto)
  findings: FindingDto[];
  @Text(20_000) reasoning: string;
  /** Only with `sanction: suspend`: 1 to 3650 days. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SUSPENSION_DAYS)
  suspensionDays?: number;
}

/** Judicial review under c. 30A §14; the decision stays in effect unless `stayed` (investigator or adjudicator). */
export class AppealActionDto extends CaseActionBase {
  @IsIn(['appeal']) action: 'appeal';
  @IsIsoDate() filedOn: string;
  @Text(200) forum: string;
  @IsOptional() @IsBoolean() stayed?: boolean;
}

/** `reversed` restores the certification's prior status (adjudicator). */
export class ResolveAppealActionDto extends CaseActionBase {
  @IsIn(['resolve_appeal']) action: 'resolve_appeal';
  @IsIn(APPEAL_OUTCOMES) outcome: AppealOutcome;
  @Text(10_000) summary: string;
}

/** After APPEAL_WINDOW_DAYS, or at once with `appealWaived: true` (adjudicator). */
export class FinalizeActionDto extends CaseActionBase {
  @IsIn(['finalize']) action: 'finalize';
  @IsOptional() @IsBoolean() appealWaived?: boolean;
}

/** Ends the case before a decision; lifts an interim suspension (adjudicator). */
export class DismissActionDto extends CaseActionBase {
  @IsIn(['dismiss']) action: 'dismiss';
  @Text(2_000) reason: string;
}

/** The request class for each `action`: the payload is validated against its own action's fields only. */
export const CASE_ACTION_DTOS = {
  interim_suspend: InterimSuspendActionDto,
  record_interim_hearing: RecordInterimHearingActionDto,
  issue_notice: IssueNoticeActionDto,
  record_response: RecordResponseActionDto,
  schedule_hearing: ScheduleHearingActionDto,
  record_hearing: RecordHearingActionDto,
  decide: DecideActionDto,
  appeal: AppealActionDto,
  resolve_appeal: ResolveAppealActionDto,
  finalize: FinalizeActionDto,
  dismiss: DismissActionDto,
} satisfies Record<CaseAction, new () => CaseActionBase & { action: CaseAction }>;

export type CaseActionDto = InstanceType<(typeof CASE_ACTION_DTOS)[CaseAction]>;
