import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { SalesPlaybooksDocument, SalesPlaybookStagesDocument } from './graphql/__generated__/sales.ts';
import { DEAL_TYPE_LABEL } from './PlaybookEditorPage.tsx';

/** Playbooks by name, with the stage or deal type each guides; managers add and edit them. */
export function PlaybooksPage() {
  useDocumentTitle('Playbooks');
  const canManage = useHasRank('MANAGER');
  const { data, error, refetch } = useQuery(SalesPlaybooksDocument, {
    variables: { first: 100 },
    fetchPolicy: 'cache-and-network',
  });
  const stages = useQuery(SalesPlaybookStagesDocument);
  const stageName = new Map(
    (stages.data?.pipelines?.nodes ?? []).flatMap((p) =>
      (p.stages?.nodes ?? []).map((s) => [s.id, `${p.name}: ${s.name}`] as const),
    ),
  );
  const result = data?.playbooks;
  return (
    <section aria-labelledby="playbooks-title">
      <header className="page-header">
        <h1 id="playbooks-title">Playbooks</h1>
        <p className="page-header__meta">{result ? `${result.totalCount} playbooks` : ''}</p>
        {canManage && (
          <Link className="button button--primary" to="/sales/playbooks/new">
            New playbook
          </Link>
        )}
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!result && !error && <Loading />}
      {result && (
        <div className="table-frame">
          <table className="data-table" data-testid="playbooks-list">
            <thead>
              <tr>
                <th scope="col">Playbook</th>
                <th scope="col">Stage</th>
                <th scope="col">Deal type</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {result.nodes.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to={`/sales/playbooks/${p.id}`}>{p.name}</Link>
                  </td>
                  <td>{p.stageId ? (stageName.get(p.stageId) ?? 'A stage') : 'Every stage'}</td>
                  <td>
                    {p.dealType
                      ? (DEAL_TYPE_LABEL[p.dealType as keyof typeof DEAL_TYPE_LABEL] ?? p.dealType)
                      : 'Every type'}
                  </td>
                  <td>{p.active ? 'Active' : 'Inactive'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
