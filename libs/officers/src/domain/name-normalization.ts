/**
 * Names as the matcher compares them (DOMAIN.md "Hiring checks": misspellings, swapped,
 * hyphenated and compound names, diacritics). The same function fills `officer_name` and
 * prepares every query, so stored and searched names are always comparable.
 */

/** Letters that carry no combining mark, so NFKD leaves them whole. */
const LETTERS_WITHOUT_DECOMPOSITION: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
};

/** Apostrophes join: O'Brien and OBrien are one name, not "o brien". */
const APOSTROPHES = /['’‘ʼ`´]/gu;

/**
 * `José  O'Brien-Smith` → `jose obrien smith`: compatibility decomposition (NFKD, so
 * ligatures and full-width letters fold too) with combining marks removed, lower case,
 * apostrophes dropped, hyphens and every other punctuation turned into a space, spaces
 * collapsed.
 */
export function normalizeName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßẞæœøłđðþıħ]/gu, (letter) => LETTERS_WITHOUT_DECOMPOSITION[letter] ?? letter)
    .replace(APOSTROPHES, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface NormalizedName {
  first: string;
  last: string;
  /**
   * `first last`, without middle name or suffix, so that a missing middle name never
   * lowers a score. Trigram similarity compares sets of per-word trigrams, so a swapped
   * `last first` scores the same as `first last`.
   */
  full: string;
}

export function normalizePersonName(firstName: string, lastName: string): NormalizedName {
  const first = normalizeName(firstName);
  const last = normalizeName(lastName);
  return { first, last, full: `${first} ${last}`.trim() };
}
