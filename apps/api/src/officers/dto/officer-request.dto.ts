import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsOptional, IsString, Matches, ValidateNested } from 'class-validator';
import { MaxLength, MinLength } from '../../common/text-length';
import { IsIsoDate } from '../../common/is-iso-date';
import { IsMatchableName } from '../../common/matchable-name';
import { IsNameSuffix, IsPersonNamePart } from '../../common/person-name';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** A prior name the officer was known by (maiden name, earlier legal name). */
export class OfficerAliasDto {
  /** 1 to 100 characters. */
  @IsPersonNamePart()
  @IsMatchableName()
  firstName: string;

  /** 1 to 100 characters. */
  @IsPersonNamePart()
  @IsMatchableName()
  lastName: string;
}

export class CreateOfficerDto {
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

  /** `Jr.`, `III`, `2nd`: up to 20 letters, digits, spaces or periods. */
  @IsOptional()
  @IsNameSuffix()
  suffix?: string;

  /** Restricted. `YYYY-MM-DD`, a real date, not in the future, at most 120 years ago. */
  @IsIsoDate()
  dateOfBirth: string;

  /** Restricted. The last four digits of the SSN; `0000` is never issued. */
  @IsOptional()
  @IsString()
  @Matches(/^(?!0000)[0-9]{4}$/, { message: 'ssnLast4 must be four digits, not 0000' })
  ssnLast4?: string;

  /**
   * Restricted, like the date of birth: where the officer's notices are mailed (555 CMR 12.00).
   * Never public, never logged; shown only with the date of birth. At most 254 characters.
   */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  @IsEmail({}, { message: 'email must be an email address' })
  email?: string;

  /** Prior names, at most 20. Matched like the current name by duplicate detection and hiring checks. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20, { message: 'aliases must contain at most 20 names' })
  @ValidateNested({ each: true })
  @Type(() => OfficerAliasDto)
  aliases?: OfficerAliasDto[];
}

export class CreateOfficerQueryDto {
  /** `true` registers the officer although a likely duplicate exists (a different person with a similar name and the same date of birth). */
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: "confirmDistinct must be 'true' or 'false'" })
  confirmDistinct?: boolean;
}

/** A `POST` so that no date of birth lands in a URL or an access log (API.md). */
export class SearchOfficersDto {
  /** Any name the officer is or was known by, 1 to 200 characters; misspellings and swapped order are tolerated. */
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty or only whitespace' })
  @MaxLength(200, { message: 'name must be at most 200 characters' })
  @Matches(/^(?=.*\p{L})[\p{L}\p{M} '’.,-]+$/u, { message: 'name must contain a letter and only letters, spaces, apostrophes, hyphens, periods and commas' })
  @IsMatchableName()
  name: string;

  /** Restricted. Narrows the search to officers born that day. */
  @IsOptional()
  @IsIsoDate()
  dateOfBirth?: string;
}
