import { useQuery } from '@apollo/client/react';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { PlaybooksDocument } from './graphql/sales.ts';

/** Playbooks by name. */
export function PlaybooksPage() {
  useDocumentTitle('Playbooks');
  const { data, error, refetch } = useQuery(PlaybooksDocument, { variables: { first: 100 } });
  const result = data?.playbooks;
  return (
    <section aria-labelledby="playbooks-title">
      <header className="page-header">
        <h1 id="playbooks-title">Playbooks</h1>
        <p className="page-header__meta">{result ? `${result.totalCount} playbooks` : ''}</p>
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!result && !error && <Loading />}
      {result && (
        <ul data-testid="playbooks-list">
          {result.nodes.map((p) => (
            <li key={p.id}>
              {p.name}
              {p.dealType ? ` · ${p.dealType}` : ''}
              {p.active ? '' : ' (inactive)'}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
