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
import { WorkflowsDocument } from './graphql/__generated__/automation.ts';
import './automation.css';

/** Workflows, newest first, with their trigger and how many contacts they hold. */
export function WorkflowsPage() {
  useDocumentTitle('Workflows');
  const canCreate = useHasRank('ADVISOR');
  const { cursor, onPage } = useUrlCursor();
  const { data, previousData, error, refetch } = useQuery(WorkflowsDocument, {
    variables: pageArgs(cursor, 25),
    fetchPolicy: 'cache-and-network',
  });
  const result = (data ?? previousData)?.workflows;
  return (
    <section aria-labelledby="workflows-title">
      <header className="page-header">
        <h1 id="workflows-title">Workflows</h1>
        <p className="page-header__meta">{result ? `${formatNumber(result.totalCount)} workflows` : ''}</p>
        {canCreate && (
          <Link className="button button--primary" to="/marketing/workflows/new">
            New workflow
          </Link>
        )}
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!result && !error && <Loading />}
      {result && (
        <>
          <div className="table-frame">
            <table className="data-table" data-testid="workflows-table">
              <thead>
                <tr>
                  <th scope="col">Workflow</th>
                  <th scope="col">Status</th>
                  <th scope="col">Trigger</th>
                  <th scope="col" className="numeric">
                    Enrolled
                  </th>
                  <th scope="col" className="numeric">
                    Active
                  </th>
                  <th scope="col" className="numeric">
                    Failed
                  </th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {result.nodes.map((w) => (
                  <tr key={w.id}>
                    <th scope="row">
                      <Link to={`/marketing/workflows/${w.id}`}>{w.name}</Link>
                    </th>
                    <td>
                      <span className={`badge badge--${w.status.toLowerCase()}`}>{humanize(w.status)}</span>
                    </td>
                    <td>{humanize(w.trigger.type)}</td>
                    <td className="numeric">{formatNumber(w.totals.enrolled)}</td>
                    <td className="numeric">{formatNumber(w.totals.active)}</td>
                    <td className="numeric">{formatNumber(w.totals.failed)}</td>
                    <td className="nowrap">{formatDateTime(w.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CursorPager
            label="Workflow pages"
            noun={['workflow', 'workflows']}
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
