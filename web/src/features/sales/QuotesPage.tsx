import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { formatNumber } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { SalesQuotesDocument } from './graphql/__generated__/sales.ts';
import { formatAmount } from './money.ts';

/** Quotes, latest version of each, highest number first. */
export function QuotesPage() {
  useDocumentTitle('Quotes');
  const { data, previousData, error, refetch } = useQuery(SalesQuotesDocument, {
    variables: { first: 100 },
    fetchPolicy: 'cache-and-network',
  });
  const result = (data ?? previousData)?.quotes;
  return (
    <section aria-labelledby="quotes-title">
      <header className="page-header">
        <h1 id="quotes-title">Quotes</h1>
        <p className="page-header__meta">{result ? `${formatNumber(result.totalCount)} quotes` : ''}</p>
        <Link to="/sales/templates">Quote templates</Link>
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!result && !error && <Loading />}
      {result && (
        <div className="table-frame">
          <table className="data-table" data-testid="quotes-table">
            <thead>
              <tr>
                <th scope="col">Quote</th>
                <th scope="col">Title</th>
                <th scope="col">For</th>
                <th scope="col">Status</th>
                <th scope="col" className="numeric">
                  Total
                </th>
              </tr>
            </thead>
            <tbody>
              {result.nodes.map((q) => (
                <tr key={q.id}>
                  <td>
                    <Link to={`/sales/quotes/${q.id}`}>{q.reference}</Link>
                  </td>
                  <td>{q.title}</td>
                  <td>{q.recipientName ?? ''}</td>
                  <td>
                    {q.status.toLowerCase().replace('_', ' ')}
                    {q.approval === 'REQUIRED' ? ' (needs approval)' : ''}
                  </td>
                  <td className="numeric">{formatAmount(q.totals.total, q.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
