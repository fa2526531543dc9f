import { formatNumber } from '../lib/format.ts';

interface PaginationProps {
  label: string;
  page: number;
  pageSize: number;
  totalCount: number;
  onPage: (page: number) => void;
}

/** "Showing 26–50 of 312 · Page 2 of 13" with previous and next. */
export function Pagination({ label, page, pageSize, totalCount, onPage }: PaginationProps) {
  if (totalCount === 0) return null;
  const pageCount = Math.max(1, Math.ceil(totalCount / pageSize));
  const first = (page - 1) * pageSize + 1;
  const last = Math.min(page * pageSize, totalCount);
  return (
    <nav className="pagination" aria-label={label}>
      <span>
        Showing {formatNumber(first)}–{formatNumber(last)} of {formatNumber(totalCount)} · Page {page} of {pageCount}
      </span>
      <span className="pagination__buttons">
        <button type="button" className="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          Previous<span className="visually-hidden"> page</span>
        </button>
        <button type="button" className="button" disabled={page >= pageCount} onClick={() => onPage(page + 1)}>
          Next<span className="visually-hidden"> page</span>
        </button>
      </span>
    </nav>
  );
}
