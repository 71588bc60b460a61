import { ageOn, IsoDate } from '@app/core';
import { middleNameRow } from './middle-name';
import { normalizePersonName } from './name-normalization';

/** Older than this is a typing error, not an officer (issue 3, "Bad input"). */
export const MAX_AGE_YEARS = 120;

/**
 * What is wrong with a well-formed date of birth on `today`, as `{field, message}` pairs.
 * Needs the clock, so it runs in the service rather than in the request DTO.
 */
export function dateOfBirthProblems(dateOfBirth: IsoDate, today: IsoDate, field = 'dateOfBirth'): { field: string; message: string }[] {
  if (dateOfBirth > today) return [{ field, message: `${field} must not be in the future` }];
  if (ageOn(dateOfBirth, today) > MAX_AGE_YEARS) return [{ field, message: `${field} must be within the last ${MAX_AGE_YEARS} years` }];
  return [];
}

export interface PersonName {
  firstName: string;
  middleName?: string | null;
  lastName: string;
  suffix?: string | null;
}

/** `John Q. Public Jr.`: how a name reads in lists and duplicate warnings. */
export function displayName(name: PersonName): string {
  return [name.firstName, name.middleName, name.lastName, name.suffix].filter((part): part is string => !!part).join(' ');
}

/**
 * `current`: the officer's name; `alias`: a prior name; `middle`: the current name with the
 * middle name as the given name, for an officer who goes by it ("Paul Jones" for John Paul
 * Jones): a hiring check, the duplicate check and the public search must find them by either.
 */
export type OfficerNameKind = 'current' | 'alias' | 'middle';

export interface OfficerNameRow {
  kind: OfficerNameKind;
  firstName: string;
  lastName: string;
  normalizedFirst: string;
  normalizedLast: string;
  normalizedFull: string;
}

/**
 * The rows of `officer_name` for one officer: the current name first, then the middle name
 * as given name when there is one, then one per alias (prior name). Duplicate detection,
 * hiring checks and the public search read all of them alike.
 */
export function officerNameRows(
  current: { firstName: string; middleName?: string | null; lastName: string },
  aliases: readonly { firstName: string; lastName: string }[],
): OfficerNameRow[] {
  const row = (kind: OfficerNameKind, name: { firstName: string; lastName: string }): OfficerNameRow => {
    const normalized = normalizePersonName(name.firstName, name.lastName);
    return {
      kind,
      firstName: name.firstName,
      lastName: name.lastName,
      normalizedFirst: normalized.first,
      normalizedLast: normalized.last,
      normalizedFull: normalized.full,
    };
  };
  const middle = middleNameRow(current);
  return [row('current', current), ...(middle ? [row('middle', middle)] : []), ...aliases.map((alias) => row('alias', alias))];
}

/** `MA-000042`: the registry's lifelong identifier; more than six digits once the millionth is issued. */
export function formatPostId(jurisdiction: string, sequenceNumber: number | string): string {
  return `${jurisdiction}-${String(sequenceNumber).padStart(6, '0')}`;
}

export const POST_ID_PATTERN = /^[A-Z]{2}-[0-9]{6,}$/;
