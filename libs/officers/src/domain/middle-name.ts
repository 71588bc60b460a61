import { normalizeName } from './name-normalization';

/** An initial (`Q.`) says who nobody is: only a middle name of this many letters gets a row. */
const MIN_MIDDLE_NAME_LETTERS = 2;

/**
 * The name read with the middle name as the given name (an officer who goes by it), when that
 * is a name and not the given name again. No imports beyond normalisation: the migration that
 * backfilled these rows uses it too.
 */
export function middleNameRow(name: { firstName: string; middleName?: string | null; lastName: string }): { firstName: string; lastName: string } | null {
  if (!name.middleName) return null;
  const middle = normalizeName(name.middleName);
  if (middle.replace(/ /g, '').length < MIN_MIDDLE_NAME_LETTERS || middle === normalizeName(name.firstName)) return null;
  return { firstName: name.middleName, lastName: name.lastName };
}
