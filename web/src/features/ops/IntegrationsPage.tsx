import { useQuery } from '@apollo/client/react';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { IntegrationsDocument } from './graphql/__generated__/integrations.ts';

const STATUS_LABEL = {
  CONFIGURED: 'Configured',
  PARTIAL: 'Partly configured',
  NOT_CONFIGURED: 'Not configured',
} as const;

/**
 * Integrations settings (admins): every optional integration, whether it is configured (from its
 * environment variables being set; values are never shown) and what would configure it.
 */
export function IntegrationsPage() {
  useDocumentTitle('Integrations');
  const { data, error, refetch } = useQuery(IntegrationsDocument, { fetchPolicy: 'network-only' });
  return (
    <section aria-labelledby="integrations-title" data-testid="integrations-page">
      <header className="page-header">
        <h1 id="integrations-title">Integrations</h1>
      </header>
      <p className="cell-muted">
        Each integration is optional and is set up with environment variables on the server; this page shows which are
        set, never their values.
      </p>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!data && !error && <Loading />}
      {data?.integrations.map((i) => (
        <section
          key={i.key}
          className="panel"
          aria-labelledby={`integration-${i.key}`}
          data-testid={`integration-${i.key}`}
        >
          <h2 id={`integration-${i.key}`} className="panel__title">
            {i.name}: <span data-testid="integration-status">{STATUS_LABEL[i.status]}</span>
          </h2>
          <p>{i.description}</p>
          {i.status !== 'CONFIGURED' && (
            <p>
              {i.status === 'NOT_CONFIGURED' ? `${i.name} is not configured. ` : `${i.name} is not fully configured. `}
              {i.whenNotConfigured} To configure it, set{' '}
              {i.variables
                .filter((v) => v.required && !v.set)
                .map((v, n, all) => (
                  <span key={v.name}>
                    <code>{v.name}</code>
                    {n < all.length - 2 ? ', ' : n === all.length - 2 ? ' and ' : ''}
                  </span>
                ))}
              .
            </p>
          )}
          <div className="table-frame">
            <table className="data-table">
              <caption className="visually-hidden">Environment variables of {i.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Variable</th>
                  <th scope="col">Set</th>
                  <th scope="col">What it is</th>
                </tr>
              </thead>
              <tbody>
                {i.variables.map((v) => (
                  <tr key={v.name}>
                    <th scope="row">
                      <code>{v.name}</code>
                      {!v.required && <span className="cell-muted"> (optional)</span>}
                    </th>
                    <td>{v.set ? 'Set' : 'Not set'}</td>
                    <td>{v.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </section>
  );
}
