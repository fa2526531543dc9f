import { formatNumber } from '../lib/format.ts';
import type { PageCursor } from '../lib/useCursorListParams.ts';

export interface PagerInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

interface CursorPagerProps {
  label: string;
  /** What one row is called, and several: "contact", "contacts". */
  noun: [string, string];
  shown: number;
  totalCount: number;
  pageInfo: PagerInfo | null;
  onPage: (cursor: PageCursor) => void;
}

/**
 * A new page starts at its top: the pager sits below the rows, so without this the person would
 * stay at the bottom of the next page.
 */
function scrollToTop() {
  window.scrollTo({ top: 0 });
  document.getElementById('main')?.scrollTo({ top: 0 });
}

/** "25 of 312 contacts" with previous and next, which follow the server's cursors. */
export function CursorPager({ label, noun, shown, totalCount, pageInfo, onPage }: CursorPagerProps) {
  if (totalCount === 0 || !pageInfo) return null;
  const { hasPreviousPage, hasNextPage, startCursor, endCursor } = pageInfo;
  return (
    <nav className="pagination" aria-label={label}>
      <span>
        Showing {formatNumber(shown)} of {formatNumber(totalCount)} {totalCount === 1 ? noun[0] : noun[1]}
      </span>
      <span className="pagination__buttons">
        <button
          type="button"
          className="button"
          disabled={!hasPreviousPage || !startCursor}
          onClick={() => {
            if (!startCursor) return;
            onPage({ before: startCursor });
            scrollToTop();
          }}
        >
          Previous<span className="visually-hidden"> page</span>
        </button>
        <button
          type="button"
          className="button"
          disabled={!hasNextPage || !endCursor}
          onClick={() => {
            if (!endCursor) return;
            onPage({ after: endCursor });
            scrollToTop();
          }}
        >
          Next<span className="visually-hidden"> page</span>
        </button>
      </span>
    </nav>
  );
}
