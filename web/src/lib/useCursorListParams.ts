import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Direction } from './useListParams.ts';

/** Where a list page starts: after or before a cursor the server handed out, or the first page. */
export interface PageCursor {
  after?: string;
  before?: string;
}

export interface CursorListParams<F extends string, V extends string> {
  search: string;
  /** The list's one filter (a stage, a status, a view); null for all. */
  filter: V | null;
  sort: { field: F; direction: Direction } | null;
  cursor: PageCursor;
}

interface Options<F extends string, V extends string> {
  sortFields: readonly F[];
  filterValues: readonly V[];
  /** The URL key of the filter, e.g. `status`. */
  filterKey: string;
  /** Used when the URL names no filter (e.g. the task list opens on "mine"). */
  defaultFilter?: V | null;
}

/** The connection arguments for a page of `size` rows at a cursor: forward after one, back before one. */
export const pageArgs = (cursor: PageCursor, size: number) =>
  cursor.before
    ? { last: size, before: cursor.before, first: null, after: null }
    : { first: size, after: cursor.after ?? null, last: null, before: null };

/** Reads the page cursor from the URL (`after` or `before`); anything else is the first page. */
export const cursorOf = (searchParams: URLSearchParams): PageCursor => {
  const before = searchParams.get('before');
  const after = searchParams.get('after');
  return before ? { before } : after ? { after } : {};
};

/** Writes a page cursor into the URL; a new search, filter or order clears it (first page). */
export const putCursor = (next: URLSearchParams, cursor: PageCursor | undefined) => {
  next.delete('after');
  next.delete('before');
  if (cursor?.after) next.set('after', cursor.after);
  else if (cursor?.before) next.set('before', cursor.before);
};

/**
 * A cursor-paged list's search, filter, sort and page, kept in the URL: a reload, a shared link
 * or the back button shows the same page. The page is the server's opaque cursor, so pages stay
 * put while records are added; anything malformed falls back to the first page.
 */
export function useCursorListParams<F extends string, V extends string>({
  sortFields,
  filterValues,
  filterKey,
  defaultFilter = null,
}: Options<F, V>) {
  const [searchParams, setSearchParams] = useSearchParams();

  const params = useMemo<CursorListParams<F, V>>(() => {
    const rawFilter = searchParams.get(filterKey);
    const rawSort = searchParams.get('sort');
    const filter = filterValues.find((v) => v === rawFilter) ?? (rawFilter === 'all' ? null : defaultFilter);
    const field = sortFields.find((f) => f === rawSort);
    return {
      search: searchParams.get('q') ?? '',
      filter,
      sort: field ? { field, direction: searchParams.get('dir') === 'desc' ? 'DESC' : 'ASC' } : null,
      cursor: cursorOf(searchParams),
    };
  }, [searchParams, filterKey, filterValues, sortFields, defaultFilter]);

  const update = useCallback(
    (change: Partial<CursorListParams<F, V>>) => {
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          const put = (key: string, value: string | null) => (value ? next.set(key, value) : next.delete(key));
          if ('search' in change) put('q', change.search?.trim() || null);
          // "all" is written out when the default is something else, so it survives a reload.
          if ('filter' in change) put(filterKey, change.filter ?? (defaultFilter ? 'all' : null));
          if ('sort' in change) {
            put('sort', change.sort?.field ?? null);
            put('dir', change.sort ? change.sort.direction.toLowerCase() : null);
          }
          putCursor(next, change.cursor);
          return next;
        },
        { replace: 'search' in change },
      );
    },
    [setSearchParams, filterKey, defaultFilter],
  );

  return [params, update] as const;
}
