import type { ReactNode } from 'react';
import { formatNumber, humanize } from '../../lib/format.ts';
import { useCursorListParams, type CursorListParams } from '../../lib/useCursorListParams.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { CursorPager, type PagerInfo } from '../../ui/CursorPager.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { SearchBox } from '../../ui/SearchBox.tsx';
import { SortHeader } from '../../ui/SortHeader.tsx';

export interface ListColumn<T, F extends string> {
  key: string;
  label: string;
  /** Sorts on the server by this field when given. */
  sortField?: F;
  numeric?: boolean;
  descendingFirst?: boolean;
  cell: (row: T) => ReactNode;
}

export interface ListPage<T> {
  rows: readonly T[];
  totalCount: number;
  pageInfo: PagerInfo | null;
  loaded: boolean;
  loading: boolean;
  error: unknown;
  refetch: () => unknown;
}

interface TravelListPageProps<T extends { id: string }, F extends string, V extends string> {
  title: string;
  noun: [string, string];
  /** Left out for lists TT-API cannot search. */
  searchLabel?: string;
  searchPlaceholder?: string;
  /** The list's one filter, kept in the URL under `key`. */
  filter?: { key: string; label: string; values: readonly V[]; all: string };
  sortFields: readonly F[];
  /** The page's query hook (called on every render, as hooks must be). */
  usePage: (params: CursorListParams<F, V>) => ListPage<T>;
  columns: readonly ListColumn<T, F>[];
  testId: string;
  intro?: ReactNode;
}

/**
 * A travel list: search, one filter, server-side sort and cursor paging, all in the URL, and the
 * "Travel data unavailable" notice (with a retry) when TT-API is down.
 */
export function TravelListPage<T extends { id: string }, F extends string, V extends string>(
  props: TravelListPageProps<T, F, V>,
) {
  const { title, noun, filter, sortFields, usePage, columns, testId } = props;
  useDocumentTitle(title);
  const [params, update] = useCursorListParams<F, V>({
    sortFields,
    filterValues: filter?.values ?? [],
    filterKey: filter?.key ?? 'filter',
  });
  const page = usePage(params);
  const sortProps = { sort: params.sort, onSort: (sort: NonNullable<typeof params.sort>) => update({ sort }) };
  const headingId = `${testId}-title`;
  return (
    <section aria-labelledby={headingId}>
      <header className="page-header">
        <h1 id={headingId}>{title}</h1>
        <p className="page-header__meta" role="status" aria-live="polite">
          {page.loaded ? `${formatNumber(page.totalCount)} ${page.totalCount === 1 ? noun[0] : noun[1]}` : ''}
        </p>
      </header>
      {props.intro}
      <div className="toolbar" role="search">
        {props.searchLabel && (
          <SearchBox
            label={props.searchLabel}
            placeholder={props.searchPlaceholder}
            value={params.search}
            onSearch={(search) => update({ search })}
          />
        )}
        {filter && (
          <div className="field">
            <label className="field__label" htmlFor={`${testId}-filter`}>
              {filter.label}
            </label>
            <select
              id={`${testId}-filter`}
              className="select"
              value={params.filter ?? ''}
              onChange={(e) => update({ filter: filter.values.find((v) => v === e.target.value) ?? null })}
            >
              <option value="">{filter.all}</option>
              {filter.values.map((v) => (
                <option key={v} value={v}>
                  {humanize(v)}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {page.error ? (
        <ErrorNotice error={page.error} onRetry={() => void page.refetch()} testId="travel-notice" />
      ) : null}
      {(page.loaded || !page.error) && (
        <>
          <div className="table-frame" aria-busy={page.loading}>
            <table className="data-table" data-testid={testId}>
              <thead>
                <tr>
                  {columns.map((c) =>
                    c.sortField ? (
                      <SortHeader
                        key={c.key}
                        label={c.label}
                        field={c.sortField}
                        numeric={c.numeric}
                        descendingFirst={c.descendingFirst}
                        {...sortProps}
                      />
                    ) : (
                      <th key={c.key} scope="col" className={c.numeric ? 'numeric' : undefined}>
                        {c.label}
                      </th>
                    ),
                  )}
                </tr>
              </thead>
              <tbody>
                {page.rows.length === 0 && (
                  <tr>
                    <td colSpan={columns.length} className="table-empty">
                      {page.loaded ? `No ${noun[1]} match.` : `Loading ${noun[1]}…`}
                    </td>
                  </tr>
                )}
                {page.rows.map((row) => (
                  <tr key={row.id}>
                    {columns.map((c, k) =>
                      k === 0 ? (
                        <th key={c.key} scope="row" className="cell-primary">
                          {c.cell(row)}
                        </th>
                      ) : (
                        <td key={c.key} className={c.numeric ? 'numeric nowrap' : undefined}>
                          {c.cell(row)}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CursorPager
            label={`${title} pages`}
            noun={noun}
            shown={page.rows.length}
            totalCount={page.totalCount}
            pageInfo={page.pageInfo}
            onPage={(cursor) => update({ cursor })}
          />
        </>
      )}
    </section>
  );
}
