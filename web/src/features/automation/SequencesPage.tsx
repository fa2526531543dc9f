import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { formatNumber, humanize } from '../../lib/format.ts';
import { pageArgs } from '../../lib/useCursorListParams.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { CursorPager } from '../../ui/CursorPager.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { useUrlCursor } from '../marketing/usePagedQuery.ts';
import { SequencesDocument } from './graphql/__generated__/automation.ts';
import './automation.css';

/** Drip sequences with their statistics. */
export function SequencesPage() {
  useDocumentTitle('Sequences');
  const canCreate = useHasRank('ADVISOR');
  const { cursor, onPage } = useUrlCursor();
  const { data, previousData, error, refetch } = useQuery(SequencesDocument, {
    variables: pageArgs(cursor, 25),
    fetchPolicy: 'cache-and-network',
  });
  const result = (data ?? previousData)?.sequences;
  return (
    <section aria-labelledby="sequences-title">
      <header className="page-header">
        <h1 id="sequences-title">Sequences</h1>
        <p className="page-header__meta">{result ? `${formatNumber(result.totalCount)} sequences` : ''}</p>
        {canCreate && (
          <Link className="button button--primary" to="/marketing/sequences/new">
            New sequence
          </Link>
        )}
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!result && !error && <Loading />}
      {result && (
        <>
          <div className="table-frame">
            <table className="data-table" data-testid="sequences-table">
              <thead>
                <tr>
                  <th scope="col">Sequence</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="numeric">
                    Steps
                  </th>
                  <th scope="col" className="numeric">
                    Enrolled
                  </th>
                  <th scope="col" className="numeric">
                    Active
                  </th>
                  <th scope="col" className="numeric">
                    Emails
                  </th>
                  <th scope="col" className="numeric">
                    Reply rate
                  </th>
                </tr>
              </thead>
              <tbody>
                {result.nodes.map((s) => (
                  <tr key={s.id}>
                    <th scope="row">
                      <Link to={`/marketing/sequences/${s.id}`}>{s.name}</Link>
                    </th>
                    <td>
                      <span className={`badge badge--${s.status.toLowerCase()}`}>{humanize(s.status)}</span>
                    </td>
                    <td className="numeric">{s.steps.length}</td>
                    <td className="numeric">{formatNumber(s.stats.enrolled)}</td>
                    <td className="numeric">{formatNumber(s.stats.active)}</td>
                    <td className="numeric">{formatNumber(s.stats.emailsSent)}</td>
                    <td className="numeric">{Math.round(s.stats.replyRate * 100)}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CursorPager
            label="Sequence pages"
            noun={['sequence', 'sequences']}
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
