import { formatNumber } from '../../lib/format.ts';
import type { PageCursor } from './useCursorListParams.ts';

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
          onClick={() => startCursor && onPage({ before: startCursor })}
        >
          Previous<span className="visually-hidden"> page</span>
        </button>
        <button
          type="button"
          className="button"
          disabled={!hasNextPage || !endCursor}
          onClick={() => endCursor && onPage({ after: endCursor })}
        >
          Next<span className="visually-hidden"> page</span>
        </button>
      </span>
    </nav>
  );
}
