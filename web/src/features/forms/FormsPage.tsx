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
import { FormsDocument } from './graphql/__generated__/forms.ts';

/** /marketing/forms: every form with its submissions; advisors build new ones. */
export function FormsPage() {
  useDocumentTitle('Forms');
  const canCreate = useHasRank('ADVISOR');
  const { cursor, onPage } = useUrlCursor();
  const { data, previousData, error, loading, refetch } = useQuery(FormsDocument, {
    variables: pageArgs(cursor, 25),
    fetchPolicy: 'cache-and-network',
  });
  const result = (data ?? previousData)?.forms;
  return (
    <section aria-labelledby="forms-title">
      <header className="page-header">
        <h1 id="forms-title">Forms</h1>
        <p className="page-header__meta">{result ? `${formatNumber(result.totalCount)} forms` : ''}</p>
        {canCreate && (
          <Link className="button button--primary" to="/marketing/forms/new">
            New form
          </Link>
        )}
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!result && !error && <Loading />}
      {result && (
        <>
          <div className="table-frame" aria-busy={loading}>
            <table className="data-table" data-testid="forms-table">
              <thead>
                <tr>
                  <th scope="col">Form</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="numeric">
                    Fields
                  </th>
                  <th scope="col" className="numeric">
                    Submissions
                  </th>
                  <th scope="col">Changed</th>
                </tr>
              </thead>
              <tbody>
                {result.nodes.map((f) => (
                  <tr key={f.id}>
                    <th scope="row">
                      <Link to={`/marketing/forms/${f.id}`}>{f.name}</Link>
                    </th>
                    <td>
                      <span className="badge">{humanize(f.status)}</span>
                    </td>
                    <td className="numeric">{formatNumber(f.fields.length)}</td>
                    <td className="numeric">
                      <Link to={`/marketing/forms/${f.id}/submissions`}>{formatNumber(f.submissionCount)}</Link>
                    </td>
                    <td className="nowrap">{formatDateTime(f.updatedAt)}</td>
                  </tr>
                ))}
                {result.nodes.length === 0 && (
                  <tr>
                    <td colSpan={5}>No forms yet.</td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          <CursorPager
            label="Form pages"
            noun={['form', 'forms']}
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
