import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ContactSortField, LifecycleStage, SortDirection } from '../../__generated__/graphql.ts';
import { isLifecycleStage } from './lifecycleStages.ts';

export interface ContactSortChoice {
  field: ContactSortField;
  direction: SortDirection;
}

export interface ContactListParams {
  search: string;
  stage: LifecycleStage | null;
  /** Null: the server's order (newest first; best matches first when searching). */
  sort: ContactSortChoice | null;
  /** 1-based. */
  page: number;
}

const SORT_FIELDS: readonly ContactSortField[] = ['NAME', 'EMAIL', 'LEAD_SCORE', 'LIFECYCLE_STAGE', 'CREATED_AT', 'UPDATED_AT'];
const isSortField = (value: string | null): value is ContactSortField =>
  value !== null && (SORT_FIELDS as readonly string[]).includes(value);

/**
 * The list's search, filter, sort and page live in the URL: a reload, a shared link or the back
 * button shows the same list. Anything malformed in the URL falls back to the default.
 */
export function useContactListParams() {
  const [searchParams, setSearchParams] = useSearchParams();

  const params = useMemo<ContactListParams>(() => {
    const stage = searchParams.get('stage');
    const sortField = searchParams.get('sort');
    const page = Number.parseInt(searchParams.get('page') ?? '1', 10);
    return {
      search: searchParams.get('q') ?? '',
      stage: isLifecycleStage(stage) ? stage : null,
      sort: isSortField(sortField) ? { field: sortField, direction: searchParams.get('dir') === 'desc' ? 'DESC' : 'ASC' } : null,
      page: Number.isSafeInteger(page) && page > 0 ? page : 1,
    };
  }, [searchParams]);

  const update = useCallback(
    (change: Partial<ContactListParams>) => {
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          const put = (key: string, value: string | null) => (value ? next.set(key, value) : next.delete(key));
          if ('search' in change) put('q', change.search?.trim() || null);
          if ('stage' in change) put('stage', change.stage ?? null);
          if ('sort' in change) {
            put('sort', change.sort?.field ?? null);
            put('dir', change.sort ? change.sort.direction.toLowerCase() : null);
          }
          // A new search, filter or order starts again at the first page.
          put('page', change.page && change.page > 1 ? String(change.page) : null);
          return next;
        },
        // Typing a search should not leave one history entry per pause.
        { replace: 'search' in change },
      );
    },
    [setSearchParams],
  );

  return [params, update] as const;
}
