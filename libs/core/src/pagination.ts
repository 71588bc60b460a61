import { isValidIsoDate } from './dates';

/** API.md lists: `?limit=` (default 50, max 500) and an opaque `?cursor=`. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Keyset cursor over (createdAt, id): stable under concurrent inserts, unlike OFFSET. */
export interface KeysetCursor {
  at: string;
  id: string;
}

export function encodeCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** What a list's cursor holds: its keyset's sort value and its tie-breaker. */
export interface CursorShape {
  /** `timestamp`: an instant as `Date.toISOString()` writes it; `date`: a calendar date. */
  at: 'timestamp' | 'date';
  /** `uuid`: a row id; `seq`: a positive integer (the audit log's sequence). */
  id: 'uuid' | 'seq';
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEQ = /^[1-9]\d{0,14}$/;

const validAt: Record<CursorShape['at'], (at: string) => boolean> = {
  // A round trip, not Date.parse: "2020-02-30" and "1" parse in JavaScript and fail in PostgreSQL (a 500).
  timestamp: (at) => TIMESTAMP.test(at) && !Number.isNaN(Date.parse(at)) && new Date(at).toISOString() === at,
  date: isValidIsoDate,
};
const validId: Record<CursorShape['id'], (id: string) => boolean> = { uuid: (id) => UUID.test(id), seq: (id) => SEQ.test(id) };

/**
 * The cursor this service issued, or undefined for anything else: each value is checked
 * against the shape its query will cast it to, so a forged cursor is a 400, never a database error.
 */
export function decodeCursor(value: string | undefined, shape: CursorShape = { at: 'timestamp', id: 'uuid' }): KeysetCursor | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<KeysetCursor> | null;
    if (typeof parsed?.at === 'string' && typeof parsed.id === 'string' && validAt[shape.at](parsed.at) && validId[shape.id](parsed.id)) {
      return { at: parsed.at, id: parsed.id };
    }
  } catch {
    // fall through: a malformed cursor is treated as invalid input by the caller
  }
  return undefined;
}
