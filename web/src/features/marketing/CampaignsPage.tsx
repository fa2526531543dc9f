import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { formatDateTime, formatNumber, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { pageArgs } from '../../lib/useCursorListParams.ts';
import { CursorPager } from '../../ui/CursorPager.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { CampaignsDocument } from './graphql/__generated__/marketing.ts';
import { useUrlCursor } from './usePagedQuery.ts';

const PAGE_SIZE = 25;

/** Campaigns, newest first, with what each has sent. */
export function CampaignsPage() {
  useDocumentTitle('Campaigns');
  const canCreate = useHasRank('ADVISOR');
  const { cursor, onPage } = useUrlCursor();
  const { data, previousData, loading, error, refetch } = useQuery(CampaignsDocument, {
    variables: pageArgs(cursor, PAGE_SIZE),
    fetchPolicy: 'cache-and-network',
  });
  const result = (data ?? previousData)?.campaigns;
  return (
    <section aria-labelledby="campaigns-title">
      <header className="page-header">
        <h1 id="campaigns-title">Campaigns</h1>
        <p className="page-header__meta">{result ? `${formatNumber(result.totalCount)} campaigns` : ''}</p>
        {canCreate && (
          <Link className="button button--primary" to="/marketing/campaigns/new">
            New campaign
          </Link>
        )}
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!result && !error && <Loading />}
      {result && (
        <>
          <div className="table-frame" aria-busy={loading}>
            <table className="data-table" data-testid="campaigns-table">
              <thead>
                <tr>
                  <th scope="col">Campaign</th>
                  <th scope="col">Status</th>
                  <th scope="col">Send at</th>
                  <th scope="col" className="numeric">
                    Recipients
                  </th>
                  <th scope="col" className="numeric">
                    Sent
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.nodes.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link to={`/marketing/campaigns/${c.id}`}>{c.name}</Link>
                    </th>
                    <td>
                      <span className="badge">{humanize(c.status)}</span>
                    </td>
                    <td className="nowrap">{c.sendAt ? formatDateTime(c.sendAt) : '—'}</td>
                    <td className="numeric">{formatNumber(c.totalRecipients)}</td>
                    <td className="numeric">{formatNumber(c.totalSent)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CursorPager
            label="Campaign pages"
            noun={['campaign', 'campaigns']}
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
