import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Loading } from '../../ui/bits';
import { ProblemSummary } from '../../ui/form';

/** One column of a record table: its heading, and what a row shows in it. */
export type Column<T> = [label: string, cell: (row: T) => ComponentChildren];

/**
 * A USWDS table that stacks on a narrow screen (each cell labelled), the first column as the
 * row's header. `rowAttributes` lets a test or a style find a row (`data-voided`, `data-id`).
 */
export function RecordTable<T>({
  caption,
  columns,
  rows,
  rowKey,
  rowAttributes,
  testId,
}: {
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  rowAttributes?: (row: T) => Record<string, string>;
  testId?: string;
}) {
  return (
    <div class="table-scroll">
      <table class="usa-table usa-table--borderless usa-table--stacked usa-table--compact width-full" data-testid={testId}>
        <caption class="usa-sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map(([label]) => (
              <th key={label} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...(rowAttributes?.(row) ?? {})}>
              {columns.map(([label, cell], index) =>
                index === 0 ? (
                  <th key={label} scope="row" data-label={label}>
                    {cell(row)}
                  </th>
                ) : (
                  <td key={label} data-label={label}>
                    {cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export interface Loaded<T> {
  data?: T;
  error?: unknown;
  loading: boolean;
  reload: () => void;
}

/** Loads once per change of `deps` (and again on `reload`); a late answer for an older key is dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: unknown; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ data: previous.data, loading: true }));
    load().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => current && setState({ error, loading: false }),
    );
    return () => {
      current = false;
    };
  }, [...deps, round]);
  return { ...state, reload: () => setRound((n) => n + 1) };
}

/** How many rows a list screen asks for at a time; "Show more" asks for the next as many. */
export const LIST_PAGE = 100;

/** One page of an API list: every list answers `{items, nextCursor}` (API.md "Lists"). */
export interface ListPage<T> {
  items: T[];
  nextCursor?: string | null;
}

/** A list loaded a page at a time: `data` is every row loaded so far; `more` asks for the next page while `nextCursor` says there is one. */
export interface Paged<T> extends Loaded<T[]> {
  nextCursor?: string | null;
  more: () => void;
  loadingMore: boolean;
  moreError?: unknown;
}

/**
 * `useLoad` for a paged list: the first page once per change of `deps` (and again on `reload`),
 * then each `more` appends the page after the last. A late answer for an older key is dropped.
 */
export function usePaged<T>(load: (cursor?: string) => Promise<ListPage<T>>, deps: unknown[]): Paged<T> {
  const [state, setState] = useState<{ data?: T[]; error?: unknown; loading: boolean; nextCursor?: string | null }>({ loading: true });
  const [more, setMore] = useState<{ loading: boolean; error?: unknown }>({ loading: false });
  const [round, setRound] = useState(0);
  const generation = useRef(0);
  useEffect(() => {
    const current = ++generation.current;
    setState((previous) => ({ data: previous.data, loading: true, nextCursor: previous.nextCursor }));
    setMore({ loading: false });
    load().then(
      (page) => current === generation.current && setState({ data: page.items, loading: false, nextCursor: page.nextCursor }),
      (error: unknown) => current === generation.current && setState({ error, loading: false }),
    );
  }, [...deps, round]);
  const next = () => {
    const cursor = state.nextCursor;
    if (!cursor || more.loading || state.loading) return;
    const current = generation.current;
    setMore({ loading: true });
    load(cursor).then(
      (page) => {
        if (current !== generation.current) return;
        setState((previous) => ({ ...previous, data: [...(previous.data ?? []), ...page.items], nextCursor: page.nextCursor }));
        setMore({ loading: false });
      },
      (error: unknown) => current === generation.current && setMore({ loading: false, error }),
    );
  };
  return { ...state, reload: () => setRound((n) => n + 1), more: next, loadingMore: more.loading, moreError: more.error };
}

/**
 * Below a paged list: how many rows are shown while more follow, and the button that loads the
 * next page (the work queue's idiom); a refusal of the next page is said here, the rows stay.
 */
export function ShowMore<T>({ paged, what, label }: { paged: Paged<T>; what: string; label?: string }) {
  if (paged.data === undefined) return null;
  return (
    <>
      <ProblemSummary error={paged.moreError} />
      {paged.nextCursor ? (
        <p class="text-base margin-bottom-1" data-testid="shown-count">
          {paged.data.length} {what} shown; there are more.
        </p>
      ) : null}
      {paged.loadingMore ? (
        <Loading what={`more ${what}`} />
      ) : paged.nextCursor ? (
        <button type="button" class="usa-button usa-button--outline" onClick={paged.more}>
          {label ?? `Show more ${what}`}
        </button>
      ) : null}
    </>
  );
}

/** A part of a record: its heading, and its loading state, refusal or content. */
export function Section<T>({
  id,
  title,
  loaded,
  what,
  empty,
  children,
}: {
  id: string;
  title: string;
  loaded: Loaded<T>;
  what: string;
  empty?: (data: T) => boolean;
  children: (data: T) => ComponentChildren;
}) {
  return (
    <section class="record-section margin-top-4" aria-labelledby={`${id}-heading`} data-testid={id}>
      <h2 id={`${id}-heading`} class="margin-bottom-1">
        {title}
      </h2>
      <ProblemSummary error={loaded.error} />
      {loaded.data !== undefined ? (
        empty?.(loaded.data) ? (
          <p class="text-base">No {what} on record.</p>
        ) : (
          children(loaded.data)
        )
      ) : loaded.loading ? (
        <Loading what={what} />
      ) : null}
    </section>
  );
}

/** A small tag beside a row ("Voided", "Disputed", "Late"): a word, never colour alone. */
export function Tag({ tone, children }: { tone: 'stop' | 'warn' | 'info'; children: ComponentChildren }) {
  return <span class={`usa-tag record-tag record-tag--${tone}`}>{children}</span>;
}
