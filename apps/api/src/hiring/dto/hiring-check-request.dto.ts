import type { HiringCheckQuery } from '@app/hiring';
import { Transform } from 'class-transformer';
import { POST_ID_PATTERN } from '@app/officers';
import { buildMessage, IsOptional, IsString, IsUUID, Matches, ValidateBy, ValidateIf, ValidationArguments } from 'class-validator';
import { PageQueryDto } from '../../common/pagination.dto';
import { MaxLength, MinLength } from '../../common/text-length';
import { IsIsoDate } from '../../common/is-iso-date';
import { IsMatchableName } from '../../common/matchable-name';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value);

const NAME_FIELDS = ['firstName', 'middleName', 'lastName', 'dateOfBirth', 'ssnLast4'] as const;
type Shape = Partial<Record<'postId' | (typeof NAME_FIELDS)[number], unknown>>;
const hasNameField = (o: Shape) => NAME_FIELDS.some((field) => o[field] !== undefined);

/** Exactly one of the two query shapes: `{postId}` or `{firstName, lastName, dateOfBirth}`. */
function OneQueryShape(): PropertyDecorator {
  return ValidateBy({
    name: 'oneQueryShape',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => (value !== undefined) !== hasNameField(args?.object ?? {}),
      defaultMessage: buildMessage(() => 'give either postId, or firstName, lastName and dateOfBirth, not both'),
    },
  });
}

/**
 * A name as an agency types it: trimmed, 1 to 100 characters, at least one letter, no
 * control characters. Apostrophes, `%`, `_` and `\` are accepted and mean nothing special:
 * names are bound parameters, never patterns, and normalisation drops punctuation.
 */
function QueryName(): PropertyDecorator {
  return (target, key) => {
    Transform(trim)(target, key);
    IsString()(target, key);
    MinLength(1, { message: '$property must not be empty or only whitespace' })(target, key);
    MaxLength(100, { message: '$property must be at most 100 characters' })(target, key);
    IsMatchableName()(target, key);
    Matches(/^[^\p{Cc}]*$/u, { message: '$property must not contain control characters' })(target, key);
  };
}

/**
 * `{postId}` (exact) or `{firstName, lastName, dateOfBirth}`: the date of birth must match
 * exactly, the names are matched over the current name and every alias, tolerating
 * misspellings, swapped first and last names, hyphenated and compound surnames, diacritics
 * and a missing middle name. A one-letter name is accepted but is no wildcard: it matches
 * only a name that is itself about that short.
 */
export class CreateHiringCheckDto {
  /** `<JURISDICTION>-<6 or more digits>`, e.g. `MA-000042`; lower case is accepted. */
  @ValidateIf((o: Shape) => o.postId !== undefined || !hasNameField(o))
  @OneQueryShape()
  @Transform(upper)
  @IsString()
  @Matches(/^[A-Z]{2}-[0-9]{6,}$/, { message: 'postId must look like MA-000042' })
  postId?: string;

  /** Given name(s), 1 to 100 characters; a middle name may be included or left out. */
  @ValidateIf((o: Shape) => o.postId === undefined || o.firstName !== undefined)
  @QueryName()
  firstName?: string;

  /** Middle name(s), optional; kept with the check. A name query is matched on given and family names (a middle name never lowers a score). */
  @IsOptional()
  @QueryName()
  middleName?: string;

  /** Family name, 1 to 100 characters; hyphenated or compound names may be given whole or in part. */
  @ValidateIf((o: Shape) => o.postId === undefined || o.lastName !== undefined)
  @QueryName()
  lastName?: string;

  /** Restricted. `YYYY-MM-DD`, a real date, not in the future; must match exactly. Stored with the check, never logged or audited. */
  @ValidateIf((o: Shape) => o.postId === undefined || o.dateOfBirth !== undefined)
  @IsIsoDate()
  dateOfBirth?: string;

  /** Restricted. The last four SSN digits, optional: agreement with the record raises a match's score, disagreement lowers it (`ssn_mismatch`) but never hides the match. */
  @IsOptional()
  @IsString()
  @Matches(/^(?!0000)[0-9]{4}$/, { message: 'ssnLast4 must be four digits, not 0000' })
  ssnLast4?: string;
}

export const toHiringCheckQuery = (body: CreateHiringCheckDto): HiringCheckQuery =>
  body.postId !== undefined
    ? { postId: body.postId }
    : {
        firstName: body.firstName!,
        ...(body.middleName !== undefined ? { middleName: body.middleName } : {}),
        lastName: body.lastName!,
        dateOfBirth: body.dateOfBirth!,
        ...(body.ssnLast4 !== undefined ? { ssnLast4: body.ssnLast4 } : {}),
      };

/** `GET /hiring-checks`: the commission may narrow to one agency or one officer; an agency to one officer. */
export class ListHiringChecksQueryDto extends PageQueryDto {
  /** The commission: one agency's checks. An agency naming another gets an empty list. */
  @IsOptional()
  @IsUUID('all', { message: 'agencyId must be a UUID' })
  agencyId?: string;

  /** Only checks that found this officer. */
  @IsOptional()
  @Transform(upper)
  @Matches(POST_ID_PATTERN, { message: 'postId must look like MA-000042' })
  postId?: string;
}
