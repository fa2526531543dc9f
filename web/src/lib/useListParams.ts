import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export type Direction = 'ASC' | 'DESC';

export interface ListParams<F extends string, V extends string> {
  search: string;
  /** The list's one filter (a stage, a status, a view); null for all. */
  filter: V | null;
  sort: { field: F; direction: Direction } | null;
  /** 1-based. */
  page: number;
}

interface ListParamsOptions<F extends string, V extends string> {
  sortFields: readonly F[];
  filterValues: readonly V[];
  /** The URL key of the filter, e.g. `status`. */
  filterKey: string;
  /** Used when the URL names no filter (e.g. the task list opens on "mine"). */
  defaultFilter?: V | null;
}

/**
 * A list's search, filter, sort and page, kept in the URL like the contacts list does: a reload,
 * a shared link or the back button shows the same list; anything malformed falls back to the default.
 */
export function useListParams<F extends string, V extends string>({
  sortFields,
  filterValues,
  filterKey,
  defaultFilter = null,
}: ListParamsOptions<F, V>) {
  const [searchParams, setSearchParams] = useSearchParams();

  const params = useMemo<ListParams<F, V>>(() => {
    const rawFilter = searchParams.get(filterKey);
    const rawSort = searchParams.get('sort');
    const page = Number.parseInt(searchParams.get('page') ?? '1', 10);
    const filter = filterValues.find((v) => v === rawFilter) ?? (rawFilter === 'all' ? null : defaultFilter);
    const field = sortFields.find((f) => f === rawSort);
    return {
      search: searchParams.get('q') ?? '',
      filter,
      sort: field ? { field, direction: searchParams.get('dir') === 'desc' ? 'DESC' : 'ASC' } : null,
      page: Number.isSafeInteger(page) && page > 0 ? page : 1,
    };
  }, [searchParams, filterKey, filterValues, sortFields, defaultFilter]);

  const update = useCallback(
    (change: Partial<ListParams<F, V>>) => {
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
          put('page', change.page && change.page > 1 ? String(change.page) : null);
          return next;
        },
        { replace: 'search' in change },
      );
    },
    [setSearchParams, filterKey, defaultFilter],
  );

  return [params, update] as const;
}
