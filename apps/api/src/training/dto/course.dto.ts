import { COURSE_CODE_PATTERN, COURSE_KINDS, COURSE_TITLE_MAX, CourseEntity, MAX_COURSE_HOURS, type CourseKind } from '@app/training';
import { Transform } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { MaxLength, MinLength } from '../../common/text-length';
import { PageQueryDto } from '../../common/pagination.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateCourseDto {
  /** Upper-case letters, digits, `_`, `.` or `-`, 2 to 32 characters; unique (`409` when taken). */
  @IsString()
  @Matches(COURSE_CODE_PATTERN, { message: 'code must be 2-32 upper-case letters, digits, _ . or -' })
  code: string;

  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(COURSE_TITLE_MAX)
  title: string;

  /** `basic` is the recruit academy that initial certification requires. */
  @IsIn(COURSE_KINDS)
  kind: CourseKind;

  /** Nominal length, more than 0 and at most 2000, at most 2 decimals. */
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(MAX_COURSE_HOURS)
  hours: number;
}

export class ListCoursesQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(COURSE_KINDS)
  kind?: CourseKind;
}

export class CourseResponse {
  id: string;
  code: string;
  title: string;
  kind: CourseKind;
  hours: number;
  createdAt: string;
}

export class CoursePage {
  items: CourseResponse[];
  nextCursor: string | null;
}

export const toCourseResponse = (c: CourseEntity): CourseResponse => ({
  id: c.id,
  code: c.code,
  title: c.title,
  kind: c.kind,
  hours: c.hours,
  createdAt: c.createdAt.toISOString(),
});
