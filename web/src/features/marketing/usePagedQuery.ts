import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { cursorOf, putCursor, type PageCursor } from '../../lib/useCursorListParams.ts';

/** The page cursor lives in the URL, so a reload or a shared link shows the same page. */
export function useUrlCursor() {
  const [searchParams, setSearchParams] = useSearchParams();
  const cursor = useMemo(() => cursorOf(searchParams), [searchParams]);
  const onPage = (next: PageCursor) =>
    setSearchParams((current) => {
      const params = new URLSearchParams(current);
      putCursor(params, next);
      return params;
    });
  return { cursor, onPage };
}
