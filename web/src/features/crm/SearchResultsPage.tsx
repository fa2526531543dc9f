import { useQuery } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import type { SearchKind } from '../../__generated__/graphql.ts';
import { formatNumber } from '../../lib/format.ts';
import { cursorOf, pageArgs, putCursor, type PageCursor } from '../../lib/useCursorListParams.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { CursorPager } from '../../ui/CursorPager.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { SearchBox } from '../../ui/SearchBox.tsx';
import { SearchResultsDocument } from './graphql/__generated__/searchResults.ts';
import { KIND_LABEL, RECORD_PATH } from './searchPaths.ts';
import { SEARCH_MIN_LENGTH } from './useSearch.ts';
import '../../styles/table.css';

const KINDS: SearchKind[] = ['CONTACT', 'COMPANY', 'DEAL'];
const KIND_PLURAL: Record<SearchKind, string> = { CONTACT: 'Contacts', COMPANY: 'Companies', DEAL: 'Deals' };
const PAGE = 25;

/**
 * Every match of a search over contacts, companies and deals, best first, a page at a time: where
 * the header's "See all" leads. The words, the kind and the page are in the address.
 */
export function SearchResultsPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q')?.trim() ?? '';
  const kind = KINDS.find((k) => k === params.get('kind')) ?? null;
  const cursor = cursorOf(params);
  useDocumentTitle(q ? `Search: ${q}` : 'Search');
  const tooShort = q.length < SEARCH_MIN_LENGTH;
  const { data, previousData, loading, error, refetch } = useQuery(SearchResultsDocument, {
    variables: { filter: { search: q, kinds: kind ? [kind] : null }, ...pageArgs(cursor, PAGE) },
    skip: tooShort,
  });
  const page = (data ?? previousData)?.search ?? null;
  const change = (next: { q?: string; kind?: SearchKind | null; cursor?: PageCursor }) =>
    setParams((p) => {
      if (next.q !== undefined) p.set('q', next.q);
      if (next.kind !== undefined) {
        if (next.kind) p.set('kind', next.kind);
        else p.delete('kind');
      }
      putCursor(p, next.cursor);
      return p;
    });

  return (
    <section aria-labelledby="search-title" data-testid="search-results-page">
      <header className="page-header">
        <h1 id="search-title">Search</h1>
        <p className="page-header__meta" role="status">
          {tooShort
            ? `Type at least ${SEARCH_MIN_LENGTH} characters.`
            : page
              ? `${formatNumber(page.totalCount)} ${page.totalCount === 1 ? 'match' : 'matches'} for “${q}”`
              : ''}
        </p>
      </header>
      <div className="toolbar" role="search">
        <SearchBox
          label="Search contacts, companies and deals"
          placeholder="Name, email, title…"
          value={q}
          onSearch={(v) => change({ q: v.trim() })}
        />
        <nav className="tabs" aria-label="Kind of record">
          {[null, ...KINDS].map((k) => (
            <Link
              key={k ?? 'all'}
              to="?"
              className="tabs__tab"
              aria-current={k === kind ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                change({ kind: k });
              }}
            >
              {k ? KIND_PLURAL[k] : 'Everything'}
            </Link>
          ))}
        </nav>
      </div>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!tooShort && page && (
        <>
          <ol className="plain-list search-results" aria-busy={loading} data-testid="search-results">
            {page.nodes.length === 0 && <li className="empty">No matches.</li>}
            {page.nodes.map((hit) => (
              <li key={`${hit.kind}:${hit.id}`} className="search-result">
                <span className="badge">{KIND_LABEL[hit.kind]}</span>{' '}
                <Link to={RECORD_PATH[hit.kind](hit.id)}>{hit.title}</Link>
                {hit.subtitle && <span className="cell-secondary"> {hit.subtitle}</span>}
              </li>
            ))}
          </ol>
          <CursorPager
            label="Search result pages"
            noun={['match', 'matches']}
            shown={page.nodes.length}
            totalCount={page.totalCount}
            pageInfo={page.pageInfo}
            onPage={(c) => change({ cursor: c })}
          />
        </>
      )}
    </section>
  );
}
