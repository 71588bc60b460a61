import { isValidIsoDate, IsoDate } from '@app/core';
import { COURSE_CODE_PATTERN } from './course';

/**
 * The shape rules of one training completion, pure and shared: the single-record DTO
 * delegates to them and the batch import runs them on every row, so a record is judged
 * the same way whichever door it comes in by. The database CHECKs mirror them.
 */
export const COMPLETION_FIELDS = ['postId', 'courseCode', 'completedOn', 'hours', 'result', 'externalRef'] as const;
export type CompletionField = (typeof COMPLETION_FIELDS)[number];

export const COMPLETION_RESULTS = ['pass', 'fail'] as const;
export type CompletionResult = (typeof COMPLETION_RESULTS)[number];

/** One batch request (JSON records or CSV data rows). */
export const MAX_BATCH_RECORDS = 10_000;
/** numeric(6,2) in the table; no course is longer than a basic academy's ~2,000 hours. */
export const MAX_COMPLETION_HOURS = 2000;
/** The smallest positive amount numeric(6,2) holds. */
export const MIN_COMPLETION_HOURS = 0.01;
/** Nothing before the modern POST era is a plausible completion date; older values are typos. */
export const EARLIEST_COMPLETION_DATE = '1900-01-01';

export const POST_ID_PATTERN = /^[A-Z]{2}-[0-9]{6,}$/;
/** Printable, no leading/trailing blanks: it is the academy's idempotency key, compared byte for byte. */
const EXTERNAL_REF_PATTERN = /^[^\s\p{Cc}](?:[^\p{Cc}]*[^\s\p{Cc}])?$/u;
const EXTERNAL_REF_MAX = 100;

export interface CompletionInput {
  postId: string;
  courseCode: string;
  completedOn: IsoDate;
  hours: number;
  result: CompletionResult;
  externalRef: string;
}

export interface FieldError {
  field: string;
  /** Stable machine code: `invalid`, `missing`, `unknown_field`, or a rule's reason. */
  reason: string;
  message: string;
}

/** A field's rule: null when the value is acceptable, else the message. */
type FieldRule = (value: unknown) => string | null;

const nonEmptyString = (field: string, value: unknown): string | null =>
  typeof value !== 'string' ? `${field} must be a string` : value.length === 0 ? `${field} must not be empty` : null;

const shapeRules: Record<CompletionField, FieldRule> = {
  postId: (value) => nonEmptyString('postId', value) ?? (POST_ID_PATTERN.test(value as string) ? null : 'postId must be a POST ID such as MA-000042'),
  courseCode: (value) =>
    nonEmptyString('courseCode', value) ?? (COURSE_CODE_PATTERN.test(value as string) ? null : 'courseCode must be 2-32 upper-case letters, digits, _ . or -'),
  completedOn: (value) => {
    if (!isValidIsoDate(value)) return 'completedOn must be a real calendar date as YYYY-MM-DD';
    return value < EARLIEST_COMPLETION_DATE ? `completedOn must be on or after ${EARLIEST_COMPLETION_DATE}` : null;
  },
  hours: (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return 'hours must be a number';
    // 0.01, the smallest amount two decimals hold: 1e-9 passed "> 0" and the decimal check, then
    // was stored as 0.00 and broke the column's CHECK (hours > 0), failing the whole batch.
    if (value < MIN_COMPLETION_HOURS || value > MAX_COMPLETION_HOURS)
      return `hours must be at least ${MIN_COMPLETION_HOURS} and at most ${MAX_COMPLETION_HOURS}`;
    // Tolerance for binary floating point: 8.55 * 100 is 855.0000000000001.
    return Math.abs(value * 100 - Math.round(value * 100)) < 1e-6 ? null : 'hours must have at most 2 decimal places';
  },
  result: (value) => ((COMPLETION_RESULTS as readonly unknown[]).includes(value) ? null : 'result must be one of: pass, fail'),
  externalRef: (value) => {
    const basic = nonEmptyString('externalRef', value);
    if (basic) return basic;
    const text = value as string;
    if (text.length > EXTERNAL_REF_MAX) return `externalRef must be at most ${EXTERNAL_REF_MAX} characters`;
    return EXTERNAL_REF_PATTERN.test(text) ? null : 'externalRef must be printable, without leading or trailing blanks';
  },
};

/** Each field's rule, with an absent value reported as missing (the same words through the DTO and the batch). */
export const completionFieldRules = Object.fromEntries(
  COMPLETION_FIELDS.map((field) => [field, (value: unknown) => (value === undefined || value === null ? `${field} is required` : shapeRules[field](value))]),
) as Record<CompletionField, FieldRule>;

export type RecordCheck =
  | { ok: true; input: CompletionInput }
  /** `partial`: the fields that did pass, so the reference rules can still be checked on them. */
  | { ok: false; errors: FieldError[]; partial: Partial<CompletionInput> };

/** Every error of the record at once: unknown fields, missing fields, malformed values. */
export function checkCompletionRecord(raw: unknown): RecordCheck {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, errors: [{ field: 'record', reason: 'invalid', message: 'each record must be an object' }], partial: {} };
  }
  const record = raw as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const key of Object.keys(record)) {
    if (!(COMPLETION_FIELDS as readonly string[]).includes(key)) {
      errors.push({ field: key, reason: 'unknown_field', message: `property ${key} should not exist` });
    }
  }
  const partial: Record<string, unknown> = {};
  for (const field of COMPLETION_FIELDS) {
    const value = record[field];
    const message = completionFieldRules[field](value);
    if (message) errors.push({ field, reason: value === undefined || value === null ? 'missing' : 'invalid', message });
    else partial[field] = value;
  }
  if (errors.length) return { ok: false, errors, partial };
  const { postId, courseCode, completedOn, hours, result, externalRef } = record as unknown as CompletionInput;
  return { ok: true, input: { postId, courseCode, completedOn, hours, result, externalRef } };
}

/** Errors in field order (the order of the header), unknown fields last. */
export function sortFieldErrors(errors: FieldError[]): FieldError[] {
  const rank = (field: string) => {
    const index = (COMPLETION_FIELDS as readonly string[]).indexOf(field);
    return index === -1 ? COMPLETION_FIELDS.length : index;
  };
  return errors.sort((a, b) => rank(a.field) - rank(b.field));
}

/** The rule that needs today's date: a completion cannot be recorded before it happened. */
export function completionDateError(input: Pick<CompletionInput, 'completedOn'>, today: IsoDate): FieldError | null {
  return input.completedOn > today
    ? { field: 'completedOn', reason: 'completed_on_in_future', message: `completedOn ${input.completedOn} is after today (${today})` }
    : null;
}

/**
 * DOMAIN.md "Certification": a completion's hours never exceed its course's hours (a 4-hour
 * course recorded as 120 hours would satisfy a whole renewal). Fewer hours are allowed: a
 * partial attendance is recorded as what was attended.
 */
export function completionHoursError(input: Pick<CompletionInput, 'hours'>, courseHours: number): FieldError | null {
  return Math.round(input.hours * 100) > Math.round(courseHours * 100)
    ? { field: 'hours', reason: 'hours_exceed_course', message: `hours ${input.hours} exceed the course's ${courseHours} hours` }
    : null;
}

/** What a retry must repeat exactly to be the same record (API.md: same body → 200, else 409). */
export interface StoredCompletionContent {
  officerId: string;
  courseId: string;
  completedOn: IsoDate;
  hours: number;
  result: CompletionResult;
}

export function sameCompletion(a: StoredCompletionContent, b: StoredCompletionContent): boolean {
  return (
    a.officerId === b.officerId &&
    a.courseId === b.courseId &&
    a.completedOn === b.completedOn &&
    Math.round(a.hours * 100) === Math.round(b.hours * 100) &&
    a.result === b.result
  );
}

/** Numbers in CSV arrive as text; anything that is not a plain decimal stays text and fails the hours rule. */
export function hoursFromText(text: string): number | string {
  return /^[0-9]{1,6}(\.[0-9]+)?$/.test(text) ? Number(text) : text;
}
