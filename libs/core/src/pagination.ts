import { isValidIsoDate } from './dates';
import { InvalidInputError } from './domain-error';

/** API.md lists: `?limit=` (default 50, max 500) and an opaque `?cursor=`. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** The one refusal of a cursor, whichever list it was sent to: a 400 naming the field. */
export const invalidCursor = () =>
  new InvalidInputError('PAGINATION.INVALID_CURSOR', 'The cursor is not one this service issued.', [{ field: 'cursor', message: 'cursor is invalid' }]);

/** How a list writes its position into a cursor, and reads one back (undefined: not a cursor it wrote). */
export interface CursorCodec<Position> {
  encode(position: Position): string;
  decode(cursor: string): Position | undefined;
}

/** Opaque cursors: the position as JSON in base64url; `read` checks what comes back. */
export function jsonCursor<Position>(
  read: (parsed: unknown) => Position | undefined,
  write: (position: Position) => unknown = (position) => position,
): CursorCodec<Position> {
  return {
    encode: (position) => Buffer.from(JSON.stringify(write(position))).toString('base64url'),
    decode: (cursor) => {
      try {
        return read(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
      } catch {
        return undefined;
      }
    },
  };
}

/**
 * Keyset paging (stable under concurrent inserts, unlike OFFSET), one implementation for
 * every list. `after()` turns the request's cursor into the position the query starts
 * after: a cursor this list did not issue is `invalidCursor()`, never a database error.
 * `page()` asks the query for one row more than the page, so whether another page exists
 * costs no count, and writes the next cursor from the page's last row.
 */
export class Keyset<Position> {
  constructor(private readonly codec: CursorCodec<Position>) {}

  /** Undefined for the first page (no cursor, or an empty one). */
  after(cursor: string | undefined): Position | undefined {
    if (cursor === undefined || cursor === '') return undefined;
    const position = this.codec.decode(cursor);
    if (position === undefined) throw invalidCursor();
    return position;
  }

  /** `fetch` gets the number of rows to ask for: the page size plus one. */
  async page<Row>(limit: number, fetch: (fetchLimit: number) => Promise<Row[]>, positionOf: (last: Row) => Position): Promise<Page<Row>> {
    return this.pageOf(await fetch(limit + 1), limit, positionOf);
  }

  /** For rows already fetched with `limit + 1`. */
  pageOf<Row>(rows: readonly Row[], limit: number, positionOf: (last: Row) => Position): Page<Row> {
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last !== undefined ? this.codec.encode(positionOf(last)) : null };
  }
}

/** Keyset position over (a time or date, a tie-breaking id). */
export interface KeysetCursor {
  at: string;
  id: string;
}

/** What a (time, id) cursor holds: its keyset's sort value and its tie-breaker. */
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

/** A keyset over (at, id): each value is checked against the shape its query will cast it to. */
export function timeAndIdKeyset(shape: CursorShape = { at: 'timestamp', id: 'uuid' }): Keyset<KeysetCursor> {
  return new Keyset(
    jsonCursor((parsed) => {
      const cursor = parsed as Partial<KeysetCursor> | null;
      if (typeof cursor?.at === 'string' && typeof cursor.id === 'string' && validAt[shape.at](cursor.at) && validId[shape.id](cursor.id)) {
        return { at: cursor.at, id: cursor.id };
      }
      return undefined;
    }),
  );
}

/**
 * A keyset over a unique, stable text key (a course's or an organization's code): the cursor
 * is the last key itself, compared as text, so any string is a position.
 */
export function uniqueKeyKeyset(): Keyset<string> {
  return new Keyset({ encode: (key) => key, decode: (cursor) => cursor });
}
