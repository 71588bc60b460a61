import { ageOn, isValidIsoDate, IsoDate } from '@app/core';
import { ImportKind, knownFields } from './import-kinds';

/**
 * The rules one imported row must meet on its own (shapes, sets, dates, their order), pure
 * and table-tested. What needs the registry (an agency or course that exists, an officer
 * referred to, a source id seen before) is checked set-wise by the chunk's processor.
 */

export interface RowError {
  field: string;
  /** Stable machine code: `missing`, `invalid`, `unknown_field`, or a rule's reason. */
  reason: string;
  message: string;
}

export type RowCheck<T> = { ok: true; value: T } | { ok: false; errors: RowError[] };

/** The officer a row is about: by the migrated system's id or by POST ID. */
export type OfficerReference = { sourceId: string } | { postId: string };

export interface OfficerRow {
  sourceId: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  suffix: string | null;
  dateOfBirth: IsoDate;
  ssnLast4: string | null;
  email: string | null;
  aliases: { firstName: string; lastName: string }[];
  postId: string | null;
}

export const SEPARATION_NATURES = ['resigned', 'retired', 'terminated', 'laid_off', 'deceased', 'other'] as const;
export type ImportedSeparationNature = (typeof SEPARATION_NATURES)[number];

export interface EmploymentRow {
  officer: OfficerReference;
  agencyCode: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  position: string | null;
  separationNature: ImportedSeparationNature | null;
  separationReason: string | null;
  underInvestigation: boolean | null;
}

export const CERTIFICATION_STATUSES = ['not_certified', 'certified', 'admin_suspended', 'suspended', 'revoked', 'lapsed', 'inactive', 'relinquished'] as const;
export type ImportedCertificationStatus = (typeof CERTIFICATION_STATUSES)[number];

export interface CertificationRow {
  officer: OfficerReference;
  status: ImportedCertificationStatus;
  issuedOn: IsoDate | null;
  expiresOn: IsoDate | null;
  firstCertifiedOn: IsoDate | null;
}

export interface TrainingRow {
  officer: OfficerReference;
  courseCode: string;
  academyCode: string;
  completedOn: IsoDate;
  hours: number;
  result: 'pass' | 'fail';
  externalRef: string;
}

export const FINAL_ACTION_TYPES = ['revocation', 'suspension', 'retraining'] as const;
export type ImportedFinalActionType = (typeof FINAL_ACTION_TYPES)[number];

export interface FinalActionRow {
  sourceId: string;
  officer: OfficerReference;
  type: ImportedFinalActionType;
  effectiveOn: IsoDate;
  endsOn: IsoDate | null;
  decidedOn: IsoDate;
  jurisdiction: string;
  agencyCode: string | null;
  groundCategory: string | null;
  caseReference: string;
}

export interface RowContext {
  today: IsoDate;
}

/** Nothing before this is a plausible date in a POST record; older values are typing errors. */
export const EARLIEST_RECORD_DATE = '1900-01-01';
const MAX_AGE_YEARS = 120;
const POST_ID = /^[A-Z]{2}-[0-9]{6,}$/;
const CODE = /^[A-Z0-9][A-Z0-9_.-]{1,31}$/;
const ORGANIZATION_CODE = /^[A-Z0-9][A-Z0-9_-]{1,31}$/;
const PRINTABLE = /^[^\s\p{Cc}](?:[^\p{Cc}]*[^\s\p{Cc}])?$/u;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

/** Reads one row's fields; collects every error, so a rejection lists all at once. */
class RowReader {
  readonly errors: RowError[] = [];
  constructor(
    private readonly raw: Record<string, unknown>,
    readonly context: RowContext,
  ) {}

  error(field: string, reason: string, message: string): void {
    this.errors.push({ field, reason, message });
  }

  private present(field: string): unknown {
    const value = this.raw[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string' && value.trim() === '') return undefined;
    return value;
  }

  /** `multiline`: free text (a separation's reason) may hold line breaks and tabs. */
  text(field: string, required: boolean, max: number, multiline = false): string | null {
    const value = this.present(field);
    if (value === undefined) {
      if (required) this.error(field, 'missing', `${field} is required`);
      return null;
    }
    if (typeof value !== 'string') return this.invalid(field, `${field} must be text`);
    const trimmed = value.trim();
    if (trimmed.length > max) return this.invalid(field, `${field} must be at most ${max} characters`);
    if ((multiline ? /[^\P{Cc}\n\r\t]/u : /\p{Cc}/u).test(trimmed)) return this.invalid(field, `${field} must not contain control characters`);
    return trimmed;
  }

  /** An identifier compared byte for byte: printable, no blanks around it. */
  identifier(field: string, required: boolean, max = 100): string | null {
    const value = this.present(field);
    if (value === undefined) {
      if (required) this.error(field, 'missing', `${field} is required`);
      return null;
    }
    if (typeof value !== 'string' && typeof value !== 'number') return this.invalid(field, `${field} must be text`);
    const text = String(value);
    if (text.length > max) return this.invalid(field, `${field} must be at most ${max} characters`);
    return PRINTABLE.test(text) ? text : this.invalid(field, `${field} must be printable, without leading or trailing blanks`);
  }

  pattern(field: string, required: boolean, pattern: RegExp, description: string): string | null {
    const value = this.text(field, required, 200);
    if (value === null) return null;
    return pattern.test(value) ? value : this.invalid(field, `${field} must be ${description}`);
  }

  date(field: string, required: boolean, options: { notAfterToday?: boolean } = {}): IsoDate | null {
    const value = this.present(field);
    if (value === undefined) {
      if (required) this.error(field, 'missing', `${field} is required`);
      return null;
    }
    if (!isValidIsoDate(value)) return this.invalid(field, `${field} must be a real calendar date as YYYY-MM-DD`);
    if (value < EARLIEST_RECORD_DATE) return this.invalid(field, `${field} must be on or after ${EARLIEST_RECORD_DATE}`);
    if (options.notAfterToday && value > this.context.today) {
      this.error(field, 'in_future', `${field} ${value} is after today (${this.context.today})`);
      return null;
    }
    return value;
  }

  oneOf<T extends string>(field: string, required: boolean, values: readonly T[]): T | null {
    const value = this.present(field);
    if (value === undefined) {
      if (required) this.error(field, 'missing', `${field} is required`);
      return null;
    }
    if (typeof value === 'string' && (values as readonly string[]).includes(value.trim())) return value.trim() as T;
    this.error(field, 'not_in_set', `${field} must be one of: ${values.join(', ')}`);
    return null;
  }

  boolean(field: string): boolean | null {
    const value = this.present(field);
    if (value === undefined) return null;
    if (typeof value === 'boolean') return value;
    if (typeof value === 'string' && ['true', 'false'].includes(value.trim().toLowerCase())) return value.trim().toLowerCase() === 'true';
    return this.invalid(field, `${field} must be true or false`);
  }

  hours(field: string): number | null {
    const value = this.present(field);
    if (value === undefined) {
      this.error(field, 'missing', `${field} is required`);
      return null;
    }
    const number = typeof value === 'number' ? value : typeof value === 'string' && /^[0-9]{1,6}(\.[0-9]+)?$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isFinite(number)) return this.invalid(field, `${field} must be a number`);
    if (number < 0.01 || number > 2000) return this.invalid(field, `${field} must be at least 0.01 and at most 2000`);
    if (Math.abs(number * 100 - Math.round(number * 100)) >= 1e-6) return this.invalid(field, `${field} must have at most 2 decimal places`);
    return number;
  }

  officerReference(): OfficerReference | null {
    const sourceId = this.identifier('officerSourceId', false);
    const postId = this.pattern('postId', false, POST_ID, 'a POST ID such as MA-000042');
    if (sourceId !== null && postId !== null) {
      this.error('officerSourceId', 'ambiguous_officer', 'give officerSourceId or postId, not both');
      return null;
    }
    if (sourceId !== null) return { sourceId };
    if (postId !== null) return { postId };
    if (!this.errors.some((e) => e.field === 'officerSourceId' || e.field === 'postId')) {
      this.error('officerSourceId', 'missing', 'officerSourceId or postId is required');
    }
    return null;
  }

  unknownFields(kind: ImportKind): void {
    const known = knownFields(kind);
    for (const key of Object.keys(this.raw)) {
      if (!known.includes(key)) this.error(key.length > 80 ? `${key.slice(0, 80)}…` : key, 'unknown_field', `field ${key} is not part of kind ${kind}`);
    }
  }

  private invalid(field: string, message: string): null {
    this.error(field, 'invalid', message);
    return null;
  }

  done<T>(value: () => T): RowCheck<T> {
    return this.errors.length > 0 ? { ok: false, errors: this.errors } : { ok: true, value: value() };
  }
}

/** `First Last|First Last`: prior names; the last word is the surname. */
export function parseAliases(text: string): { firstName: string; lastName: string }[] | null {
  const names = text
    .split('|')
    .map((part) => part.trim().replace(/\s+/g, ' '))
    .filter((part) => part.length > 0);
  const aliases = names.map((name) => {
    const space = name.lastIndexOf(' ');
    return space <= 0 ? null : { firstName: name.slice(0, space), lastName: name.slice(space + 1) };
  });
  if (aliases.some((alias) => alias === null || alias.firstName.length > 100 || alias.lastName.length > 100)) return null;
  return aliases as { firstName: string; lastName: string }[];
}

export function checkOfficerRow(raw: Record<string, unknown>, context: RowContext): RowCheck<OfficerRow> {
  const r = new RowReader(raw, context);
  r.unknownFields('officers');
  const sourceId = r.identifier('sourceId', true);
  const firstName = r.text('firstName', true, 100);
  const middleName = r.text('middleName', false, 100);
  const lastName = r.text('lastName', true, 100);
  const suffix = r.text('suffix', false, 20);
  const dateOfBirth = r.date('dateOfBirth', true, { notAfterToday: true });
  if (dateOfBirth !== null && ageOn(dateOfBirth, context.today) > MAX_AGE_YEARS) {
    r.error('dateOfBirth', 'invalid', `dateOfBirth must be within the last ${MAX_AGE_YEARS} years`);
  }
  const ssnLast4 = r.pattern('ssnLast4', false, /^[0-9]{4}$/, 'four digits');
  const email = r.pattern('email', false, EMAIL, 'an email address');
  const aliasText = r.text('aliases', false, 2000);
  const aliases = aliasText === null ? [] : parseAliases(aliasText);
  if (aliases === null) r.error('aliases', 'invalid', 'aliases must be "First Last" names separated by |');
  const postId = r.pattern('postId', false, POST_ID, 'a POST ID such as MA-000042');
  return r.done(() => ({
    sourceId: sourceId!,
    firstName: firstName!,
    middleName,
    lastName: lastName!,
    suffix,
    dateOfBirth: dateOfBirth!,
    ssnLast4,
    email: email?.toLowerCase() ?? null,
    aliases: aliases ?? [],
    postId,
  }));
}

export function checkEmploymentRow(raw: Record<string, unknown>, context: RowContext): RowCheck<EmploymentRow> {
  const r = new RowReader(raw, context);
  r.unknownFields('employments');
  const officer = r.officerReference();
  const agencyCode = r.pattern('agencyCode', true, ORGANIZATION_CODE, 'an agency code (2-32 upper-case letters, digits, _ or -)');
  const startDate = r.date('startDate', true, { notAfterToday: true });
  const endDate = r.date('endDate', false, { notAfterToday: true });
  const position = r.text('position', false, 100);
  const separationNature = r.oneOf('separationNature', false, SEPARATION_NATURES);
  const separationReason = r.text('separationReason', false, 2000, true);
  const underInvestigation = r.boolean('underInvestigation');
  if (startDate !== null && endDate !== null && endDate < startDate) {
    r.error('endDate', 'ends_before_start', `endDate ${endDate} is before startDate ${startDate}`);
  }
  // A separation is recorded whole (DOMAIN.md "Misconduct reports": nature, reason, the flag), or not at all.
  if (endDate !== null && !r.errors.some((e) => e.field === 'separationNature') && separationNature === null) {
    r.error('separationNature', 'missing', 'separationNature is required when endDate is given');
  }
  if (endDate === null && !r.errors.some((e) => e.field === 'endDate')) {
    for (const [field, value] of [
      ['separationNature', separationNature],
      ['separationReason', separationReason],
      ['underInvestigation', underInvestigation],
    ] as const) {
      if (value !== null) r.error(field, 'separation_without_end', `${field} needs an endDate`);
    }
  }
  return r.done(() => ({
    officer: officer!,
    agencyCode: agencyCode!,
    startDate: startDate!,
    endDate,
    position,
    separationNature,
    separationReason,
    underInvestigation: endDate === null ? null : (underInvestigation ?? false),
  }));
}

export function checkCertificationRow(raw: Record<string, unknown>, context: RowContext): RowCheck<CertificationRow> {
  const r = new RowReader(raw, context);
  r.unknownFields('certifications');
  const officer = r.officerReference();
  const status = r.oneOf('status', true, CERTIFICATION_STATUSES);
  const issuedOn = r.date('issuedOn', false, { notAfterToday: true });
  const expiresOn = r.date('expiresOn', false);
  const firstCertifiedOn = r.date('firstCertifiedOn', false, { notAfterToday: true });
  if (issuedOn !== null && expiresOn !== null && expiresOn <= issuedOn)
    r.error('expiresOn', 'expires_before_issue', `expiresOn ${expiresOn} is not after issuedOn ${issuedOn}`);
  if (firstCertifiedOn !== null && issuedOn !== null && firstCertifiedOn > issuedOn) {
    r.error('firstCertifiedOn', 'first_after_issue', `firstCertifiedOn ${firstCertifiedOn} is after issuedOn ${issuedOn}`);
  }
  if (status === 'certified') {
    if (issuedOn === null && !r.errors.some((e) => e.field === 'issuedOn')) r.error('issuedOn', 'missing', 'issuedOn is required for status certified');
    if (expiresOn === null && !r.errors.some((e) => e.field === 'expiresOn')) r.error('expiresOn', 'missing', 'expiresOn is required for status certified');
  }
  if (status === 'not_certified' && (issuedOn !== null || expiresOn !== null || firstCertifiedOn !== null)) {
    r.error('status', 'dates_without_certification', 'a not_certified officer has no certification dates');
  }
  return r.done(() => ({ officer: officer!, status: status!, issuedOn, expiresOn, firstCertifiedOn: firstCertifiedOn ?? issuedOn }));
}

export function checkTrainingRow(raw: Record<string, unknown>, context: RowContext): RowCheck<TrainingRow> {
  const r = new RowReader(raw, context);
  r.unknownFields('training');
  const officer = r.officerReference();
  const courseCode = r.pattern('courseCode', true, CODE, 'a course code (2-32 upper-case letters, digits, _ . or -)');
  const academyCode = r.pattern('academyCode', true, ORGANIZATION_CODE, 'an academy code (2-32 upper-case letters, digits, _ or -)');
  const completedOn = r.date('completedOn', true, { notAfterToday: true });
  const hours = r.hours('hours');
  const result = r.oneOf('result', true, ['pass', 'fail'] as const);
  const externalRef = r.identifier('externalRef', true);
  return r.done(() => ({
    officer: officer!,
    courseCode: courseCode!,
    academyCode: academyCode!,
    completedOn: completedOn!,
    hours: hours!,
    result: result!,
    externalRef: externalRef!,
  }));
}

export function checkFinalActionRow(raw: Record<string, unknown>, context: RowContext): RowCheck<FinalActionRow> {
  const r = new RowReader(raw, context);
  r.unknownFields('final_actions');
  const sourceId = r.identifier('sourceId', true);
  const officer = r.officerReference();
  const type = r.oneOf('type', true, FINAL_ACTION_TYPES);
  const effectiveOn = r.date('effectiveOn', true);
  const endsOn = r.date('endsOn', false);
  const decidedOn = r.date('decidedOn', true, { notAfterToday: true });
  const jurisdiction = r.pattern('jurisdiction', true, /^[A-Z]{2}$/, 'a two-letter state code');
  const agencyCode = r.pattern('agencyCode', false, ORGANIZATION_CODE, 'an agency code (2-32 upper-case letters, digits, _ or -)');
  const groundCategory = r.text('groundCategory', false, 64);
  const caseReference = r.identifier('caseReference', true);
  if (endsOn !== null && type !== null && type !== 'suspension') r.error('endsOn', 'ends_without_suspension', 'endsOn applies to a suspension only');
  if (endsOn !== null && effectiveOn !== null && endsOn <= effectiveOn)
    r.error('endsOn', 'ends_before_start', `endsOn ${endsOn} is not after effectiveOn ${effectiveOn}`);
  return r.done(() => ({
    sourceId: sourceId!,
    officer: officer!,
    type: type!,
    effectiveOn: effectiveOn!,
    endsOn,
    decidedOn: decidedOn!,
    jurisdiction: jurisdiction!,
    agencyCode,
    groundCategory,
    caseReference: caseReference!,
  }));
}
