import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';
import { MaxLength, MinLength } from './text-length';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Letters (any script, with their marks), spaces, apostrophes, hyphens and periods; a letter first. */
const NAME = /^\p{L}[\p{L}\p{M} '’.-]*$/u;
const NAME_MESSAGE = '$property must start with a letter and contain only letters, spaces, apostrophes, hyphens and periods';

/**
 * A first, middle or last name wherever a person's name is written (an officer, an alias, a name
 * change): trimmed, 1 to 100 characters, letters first. One rule, so a name accepted at enrolment
 * is never refused at a name change.
 */
export const IsPersonNamePart = () =>
  applyDecorators(
    // The OpenAPI plugin reads lengths off the property's own decorators: stated here instead.
    ApiProperty({ minLength: 1, maxLength: 100 }),
    Transform(trim),
    IsString(),
    MinLength(1, { message: '$property must not be empty or only whitespace' }),
    MaxLength(100, { message: '$property must be at most 100 characters' }),
    Matches(NAME, { message: NAME_MESSAGE }),
  );

const SUFFIX = /^[\p{L}\p{N}][\p{L}\p{N} .]*$/u;

/** `Jr.`, `III`, `2nd`: trimmed, up to 20 letters, digits, spaces or periods. */
export const IsNameSuffix = () =>
  applyDecorators(
    ApiProperty({ minLength: 1, maxLength: 20, pattern: SUFFIX.source }),
    Transform(trim),
    IsString(),
    MinLength(1, { message: 'suffix must not be empty or only whitespace' }),
    MaxLength(20, { message: 'suffix must be at most 20 characters' }),
    Matches(SUFFIX, { message: 'suffix must contain only letters, digits, spaces and periods' }),
  );
