import { DEFAULT_PAGE_SIZE, jsonCursor, Keyset, MAX_PAGE_SIZE } from '@app/core';
import { invalidPublicName } from './public.errors';

export const PUBLIC_NAME_MIN_LENGTH = 2;
export const PUBLIC_NAME_MAX_LENGTH = 100;
/** API.md "Conventions" holds for the public lists too (the page asks for 20 at a time). */
export const PUBLIC_PAGE_DEFAULT = DEFAULT_PAGE_SIZE;
export const PUBLIC_PAGE_MAX = MAX_PAGE_SIZE;

/**
 * The searchable part of a public name query, already normalised (`normalizeName`, the
 * function that filled `officer_name`). Punctuation, including SQL and LIKE
 * metacharacters, is not part of any stored name, so it is dropped rather than matched;
 * what is left must still be a name. Precise 400s instead of a scan of the whole registry.
 */
export function publicNameQuery(raw: string, normalize: (value: string) => string): string {
  const trimmed = raw.trim();
  // Code points, as the request's validation and PostgreSQL's length() count: '𠜎' is one character, not two.
  const characters = [...trimmed].length;
  if (characters < PUBLIC_NAME_MIN_LENGTH || characters > PUBLIC_NAME_MAX_LENGTH) {
    throw invalidPublicName(`name must be ${PUBLIC_NAME_MIN_LENGTH} to ${PUBLIC_NAME_MAX_LENGTH} characters`);
  }
  const normalized = normalize(trimmed);
  if ([...normalized.replace(/ /g, '')].length < PUBLIC_NAME_MIN_LENGTH) {
    throw invalidPublicName(`name must contain at least ${PUBLIC_NAME_MIN_LENGTH} letters or digits`);
  }
  return normalized;
}

/** Keyset position in a result list ordered by relevance (0..1000, best first), then POST ID. */
export interface PublicSearchCursor {
  rank: number;
  postId: string;
}

/** Written as `{r, p}`; a cursor this service did not write is the one 400 of every list, never a 500. */
export const PUBLIC_SEARCH_KEYSET = new Keyset<PublicSearchCursor>(
  jsonCursor(
    (parsed) => {
      const { r, p } = (parsed ?? {}) as { r?: unknown; p?: unknown };
      return typeof r === 'number' && Number.isInteger(r) && r >= 0 && r <= 1000 && typeof p === 'string' && /^[A-Z]{2}-\d{6,}$/.test(p)
        ? { rank: r, postId: p }
        : undefined;
    },
    (cursor) => ({ r: cursor.rank, p: cursor.postId }),
  ),
);
