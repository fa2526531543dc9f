import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { pageArgs } from '../../lib/useCursorListParams.ts';
import { CursorPager } from '../../ui/CursorPager.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { EmailTemplatesDocument } from './graphql/__generated__/marketing.ts';
import { useUrlCursor } from './usePagedQuery.ts';

/** Email templates by name. */
export function TemplatesPage() {
  useDocumentTitle('Email templates');
  const canCreate = useHasRank('ADVISOR');
  const { cursor, onPage } = useUrlCursor();
  const { data, previousData, error, refetch } = useQuery(EmailTemplatesDocument, {
    variables: pageArgs(cursor, 25),
    fetchPolicy: 'cache-and-network',
  });
  const result = (data ?? previousData)?.emailTemplates;
  return (
    <section aria-labelledby="templates-title">
      <header className="page-header">
        <h1 id="templates-title">Email templates</h1>
        <p className="page-header__meta">{result ? `${formatNumber(result.totalCount)} templates` : ''}</p>
        {canCreate && (
          <Link className="button button--primary" to="/marketing/templates/new">
            New template
          </Link>
        )}
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!result && !error && <Loading />}
      {result && (
        <>
          <div className="table-frame">
            <table className="data-table" data-testid="templates-table">
              <thead>
                <tr>
                  <th scope="col">Template</th>
                  <th scope="col">Subject</th>
                  <th scope="col" className="numeric">
                    Version
                  </th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {result.nodes.map((t) => (
                  <tr key={t.id}>
                    <th scope="row">
                      <Link to={`/marketing/templates/${t.id}`}>{t.name}</Link>
                    </th>
                    <td>{t.subject}</td>
                    <td className="numeric">{t.version}</td>
                    <td className="nowrap">{formatDateTime(t.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <CursorPager
            label="Template pages"
            noun={['template', 'templates']}
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
