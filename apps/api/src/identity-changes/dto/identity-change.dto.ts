import { NAME_CHANGE_REASONS } from '@app/officers';
import type { AliasKind, NameChangeReason, OfficerIdentity } from '@app/officers';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { IsIsoDate } from '../../common/is-iso-date';
import { IsMatchableName } from '../../common/matchable-name';
import { IsNameSuffix, IsPersonNamePart } from '../../common/person-name';
import { MaxLength, MinLength } from '../../common/text-length';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const ALIAS_KINDS: readonly AliasKind[] = ['nickname', 'prior_name'];

export class ChangeNameDto {
  /** 1 to 100 characters. */
  @IsPersonNamePart()
  @IsMatchableName()
  firstName: string;

  /** Up to 100 characters; omit when none. */
  @IsOptional()
  @IsPersonNamePart()
  middleName?: string;

  /** 1 to 100 characters. */
  @IsPersonNamePart()
  @IsMatchableName()
  lastName: string;

  /** `Jr.`, `III`: up to 20 letters, digits, spaces or periods. */
  @IsOptional()
  @IsNameSuffix()
  suffix?: string;

  /** The day the name took effect, `YYYY-MM-DD`; not after today (`422 OFFICER.NAME_CHANGE_IN_FUTURE`). */
  @IsIsoDate()
  effectiveOn: string;

  /** `marriage`, `divorce`, `court_order` or `correction`. */
  @ApiProperty({ enum: NAME_CHANGE_REASONS })
  @IsIn(NAME_CHANGE_REASONS, { message: `reason must be one of ${NAME_CHANGE_REASONS.join(', ')}` })
  reason: NameChangeReason;
}

export class AddAliasDto {
  /** 1 to 100 characters. */
  @IsPersonNamePart()
  @IsMatchableName()
  firstName: string;

  /** 1 to 100 characters. */
  @IsPersonNamePart()
  @IsMatchableName()
  lastName: string;

  /** `nickname` ("Bill") or `prior_name` (a name the officer bore). */
  @ApiProperty({ enum: ALIAS_KINDS })
  @IsIn(ALIAS_KINDS, { message: `kind must be one of ${ALIAS_KINDS.join(', ')}` })
  kind: AliasKind;
}

export class CorrectIdentityDto {
  /** Restricted. The corrected date of birth, `YYYY-MM-DD`. */
  @IsOptional()
  @IsIsoDate()
  dateOfBirth?: string;

  /** Restricted. The corrected last four SSN digits; `0000` is never issued. */
  @IsOptional()
  @IsString()
  @Matches(/^(?!0000)[0-9]{4}$/, { message: 'ssnLast4 must be four digits, not 0000' })
  ssnLast4?: string;

  /** Why the record was wrong, 1 to 2000 characters. */
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'reason must not be empty or only whitespace' })
  @MaxLength(2000, { message: 'reason must be at most 2000 characters' })
  reason: string;
}

export class IdentityAliasResponse {
  firstName: string;
  lastName: string;
  /** `prior_name` or `nickname`. */
  kind: string;
}

/** The identity after the change. `dateOfBirth` and `ssnLast4` are restricted (the commission and employing agencies read them). */
export class OfficerIdentityChangeResponse {
  postId: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  suffix: string | null;
  dateOfBirth: string;
  ssnLast4: string | null;
  aliases: IdentityAliasResponse[];
}

export const toOfficerIdentityChangeResponse = ({ officer, aliases }: OfficerIdentity): OfficerIdentityChangeResponse => ({
  postId: officer.postId,
  firstName: officer.firstName,
  middleName: officer.middleName,
  lastName: officer.lastName,
  suffix: officer.suffix,
  dateOfBirth: officer.dateOfBirth,
  ssnLast4: officer.ssnLast4,
  aliases: aliases.map((a) => ({ firstName: a.firstName, lastName: a.lastName, kind: a.kind })),
});
