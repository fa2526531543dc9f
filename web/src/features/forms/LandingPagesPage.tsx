import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { formatDateTime, formatNumber, humanize } from '../../lib/format.ts';
import { pageArgs } from '../../lib/useCursorListParams.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { CursorPager } from '../../ui/CursorPager.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { useUrlCursor } from '../marketing/usePagedQuery.ts';
import { LandingPagesDocument } from './graphql/__generated__/forms.ts';

export const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;

/** /marketing/pages: landing pages with their unique views and conversions. */
export function LandingPagesPage() {
  useDocumentTitle('Landing pages');
  const canCreate = useHasRank('ADVISOR');
  const { cursor, onPage } = useUrlCursor();
  const { data, previousData, error, loading, refetch } = useQuery(LandingPagesDocument, {
    variables: pageArgs(cursor, 25),
    fetchPolicy: 'cache-and-network',
  });
  const result = (data ?? previousData)?.landingPages;
  return (
    <section aria-labelledby="pages-title">
      <header className="page-header">
        <h1 id="pages-title">Landing pages</h1>
        <p className="page-header__meta">{result ? `${formatNumber(result.totalCount)} pages` : ''}</p>
        {canCreate && (
          <Link className="button button--primary" to="/marketing/pages/new">
            New landing page
          </Link>
        )}
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!result && !error && <Loading />}
      {result && (
        <>
          <div className="table-frame" aria-busy={loading}>
            <table className="data-table" data-testid="landing-pages-table">
              <thead>
                <tr>
                  <th scope="col">Page</th>
                  <th scope="col">Address</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="numeric">
                    Unique views
                  </th>
                  <th scope="col" className="numeric">
                    Conversions
                  </th>
                  <th scope="col" className="numeric">
                    Rate
                  </th>
                  <th scope="col">Changed</th>
                </tr>
              </thead>
              <tbody>
                {result.nodes.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link to={`/marketing/pages/${p.id}`}>{p.name}</Link>
                    </th>
                    <td>
                      {p.status === 'PUBLISHED' ? (
                        <a href={p.url} target="_blank" rel="noreferrer">
                          /lp/{p.slug}
                        </a>
                      ) : (
                        `/lp/${p.slug}`
                      )}
                    </td>
                    <td>
                      <span className="badge">{humanize(p.status)}</span>
                    </td>
                    <td className="numeric">{formatNumber(p.stats.uniqueViews)}</td>
                    <td className="numeric">{formatNumber(p.stats.conversions)}</td>
                    <td className="numeric">{percent(p.stats.conversionRate)}</td>
                    <td className="nowrap">{formatDateTime(p.updatedAt)}</td>
                  </tr>
                ))}
                {result.nodes.length === 0 && (
                  <tr>
                    <td colSpan={7}>No landing pages yet.</td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          <CursorPager
            label="Landing page pages"
            noun={['page', 'pages']}
            shown={result.nodes.length}
            totalCount={result.totalCount}
            pageInfo={result.pageInfo}
            onPage={onPage}
          />
        </>
      )}
    </section>
  );
}
