import { NAME_CHANGE_REASONS } from '@app/officers';
import type { AliasKind, NameChangeReason, OfficerIdentity } from '@app/officers';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { IsIsoDate } from '../../common/is-iso-date';
import { IsMatchableName } from '../../common/matchable-name';
import { MaxLength, MinLength } from '../../common/text-length';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** As POST /officers: letters (any script, with their marks), spaces, apostrophes, hyphens and periods; a letter first. */
const NAME = /^\p{L}[\p{L}\p{M} '’.-]*$/u;
const NAME_MESSAGE = '$property must start with a letter and contain only letters, spaces, apostrophes, hyphens and periods';
const EMPTY = { message: '$property must not be empty or only whitespace' };
const AT_MOST_100 = { message: '$property must be at most 100 characters' };
const ALIAS_KINDS: readonly AliasKind[] = ['nickname', 'prior_name'];

export class ChangeNameDto {
  /** 1 to 100 characters. */
  @Transform(trim)
  @IsString()
  @MinLength(1, EMPTY)
  @MaxLength(100, AT_MOST_100)
  @Matches(NAME, { message: NAME_MESSAGE })
  @IsMatchableName()
  firstName: string;

  /** Up to 100 characters; omit when none. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, EMPTY)
  @MaxLength(100, AT_MOST_100)
  @Matches(NAME, { message: NAME_MESSAGE })
  middleName?: string;

  /** 1 to 100 characters. */
  @Transform(trim)
  @IsString()
  @MinLength(1, EMPTY)
  @MaxLength(100, AT_MOST_100)
  @Matches(NAME, { message: NAME_MESSAGE })
  @IsMatchableName()
  lastName: string;

  /** `Jr.`, `III`: up to 20 letters, digits, spaces or periods. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'suffix must not be empty or only whitespace' })
  @MaxLength(20, { message: 'suffix must be at most 20 characters' })
  @Matches(/^[\p{L}\p{N}][\p{L}\p{N} .]*$/u, { message: 'suffix must contain only letters, digits, spaces and periods' })
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
  @Transform(trim)
  @IsString()
  @MinLength(1, EMPTY)
  @MaxLength(100, AT_MOST_100)
  @Matches(NAME, { message: NAME_MESSAGE })
  @IsMatchableName()
  firstName: string;

  /** 1 to 100 characters. */
  @Transform(trim)
  @IsString()
  @MinLength(1, EMPTY)
  @MaxLength(100, AT_MOST_100)
  @Matches(NAME, { message: NAME_MESSAGE })
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
