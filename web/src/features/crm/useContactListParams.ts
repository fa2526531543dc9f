import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ContactOrderField, LifecycleStage, OrderDirection } from '../../__generated__/graphql.ts';
import { isLifecycleStage } from './lifecycleStages.ts';
import { cursorOf, putCursor, type PageCursor } from '../../lib/useCursorListParams.ts';

export interface ContactSortChoice {
  field: ContactOrderField;
  direction: OrderDirection;
}

export interface ContactListParams {
  search: string;
  stage: LifecycleStage | null;
  /** Null: the server's order (newest first; best matches first when searching). */
  sort: ContactSortChoice | null;
  /** Where the page starts: a cursor of the server's, or the first page. */
  cursor: PageCursor;
}

const SORT_FIELDS: readonly ContactOrderField[] = [
  'NAME',
  'EMAIL',
  'LEAD_SCORE',
  'LIFECYCLE_STAGE',
  'CREATED_AT',
  'UPDATED_AT',
];
const isSortField = (value: string | null): value is ContactOrderField =>
  value !== null && (SORT_FIELDS as readonly string[]).includes(value);

/**
 * The list's search, filter, sort and page (the server's cursor) live in the URL: a reload, a shared link or the back
 * button shows the same list. Anything malformed in the URL falls back to the default.
 */
export function useContactListParams() {
  const [searchParams, setSearchParams] = useSearchParams();

  const params = useMemo<ContactListParams>(() => {
    const stage = searchParams.get('stage');
    const sortField = searchParams.get('sort');
    return {
      search: searchParams.get('q') ?? '',
      stage: isLifecycleStage(stage) ? stage : null,
      sort: isSortField(sortField)
        ? { field: sortField, direction: searchParams.get('dir') === 'desc' ? 'DESC' : 'ASC' }
        : null,
      cursor: cursorOf(searchParams),
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
          putCursor(next, change.cursor);
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
