import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { formatDateTime, formatNumber, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { pageArgs } from '../../lib/useCursorListParams.ts';
import { CursorPager } from '../../ui/CursorPager.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { SegmentsDocument } from './graphql/__generated__/marketing.ts';
import { useUrlCursor } from './usePagedQuery.ts';

/** Segments and static lists by name, with their member counts. */
export function SegmentsPage() {
  useDocumentTitle('Segments');
  const canCreate = useHasRank('ADVISOR');
  const { cursor, onPage } = useUrlCursor();
  const { data, previousData, error, refetch } = useQuery(SegmentsDocument, {
    variables: pageArgs(cursor, 25),
    fetchPolicy: 'cache-and-network',
  });
  const result = (data ?? previousData)?.segments;
  return (
    <section aria-labelledby="segments-title">
      <header className="page-header">
        <h1 id="segments-title">Segments</h1>
        <p className="page-header__meta">{result ? `${formatNumber(result.totalCount)} segments and lists` : ''}</p>
        {canCreate && (
          <Link className="button button--primary" to="/marketing/segments/new">
            New segment
          </Link>
        )}
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!result && !error && <Loading />}
      {result && (
        <>
          <div className="table-frame">
            <table className="data-table" data-testid="segments-table">
              <thead>
                <tr>
                  <th scope="col">Segment</th>
                  <th scope="col">Kind</th>
                  <th scope="col" className="numeric">
                    Members
                  </th>
                  <th scope="col">Refreshed</th>
                </tr>
              </thead>
              <tbody>
                {result.nodes.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">{s.name}</th>
                    <td>{humanize(s.kind)}</td>
                    <td className="numeric">{formatNumber(s.memberCount)}</td>
                    <td className="nowrap">{s.refreshedAt ? formatDateTime(s.refreshedAt) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CursorPager
            label="Segment pages"
            noun={['segment', 'segments']}
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
