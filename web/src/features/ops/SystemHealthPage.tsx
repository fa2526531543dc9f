import { useQuery, useSubscription } from '@apollo/client/react';
import { formatDateTime, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { HealthChangesDocument, SystemHealthDocument } from './graphql/__generated__/ops.ts';
import { ServiceHealthChangedDocument } from './graphql/__generated__/serviceHealthChanged.ts';

/** System health: every part as checked now, and what changed; live. Admins get a banner on problems. */
export function SystemHealthPage() {
  useDocumentTitle('System health');
  const isAdmin = useHasRank('ADMIN');
  const health = useQuery(SystemHealthDocument, { fetchPolicy: 'network-only' });
  const changes = useQuery(HealthChangesDocument, { variables: { first: 50 }, fetchPolicy: 'cache-and-network' });
  useSubscription(ServiceHealthChangedDocument, {
    onData: () => {
      void health.refetch();
      void changes.refetch();
    },
  });
  const h = health.data?.systemHealth;
  const problems = h?.components.filter((c) => c.status === 'DOWN' || c.status === 'DEGRADED') ?? [];
  return (
    <section aria-labelledby="health-title" data-testid="system-health-page">
      <header className="page-header">
        <h1 id="health-title">System health</h1>
        <button type="button" className="button" onClick={() => void health.refetch()}>
          Check now
        </button>
      </header>
      {health.error && <ErrorNotice error={health.error} onRetry={() => void health.refetch()} />}
      {!h && !health.error && <Loading />}
      {h && (
        <>
          {isAdmin && problems.length > 0 && (
            <p role="alert" className="banner banner--warning" data-testid="health-banner">
              {problems.length === 1 ? 'One part needs attention' : `${problems.length} parts need attention`}:{' '}
              {problems.map((p) => p.component).join(', ')}
            </p>
          )}
          <p data-testid="health-overall">
            Overall: <strong>{humanize(h.status)}</strong> · checked {formatDateTime(h.checkedAt)}
          </p>
          <div className="table-frame">
            <table className="data-table data-table--cards" data-testid="health-table">
              <caption className="visually-hidden">Every part of the system</caption>
              <thead>
                <tr>
                  <th scope="col">Part</th>
                  <th scope="col">Status</th>
                  <th scope="col">Detail</th>
                </tr>
              </thead>
              <tbody>
                {h.components.map((c) => (
                  <tr key={c.component}>
                    <th scope="row" data-label="Part">
                      {c.component}
                    </th>
                    <td data-label="Status">{humanize(c.status)}</td>
                    <td data-label="Detail">{c.detail ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h2>History</h2>
      {changes.data?.healthChanges && (
        <div className="table-frame">
          <table className="data-table data-table--cards" data-testid="health-history">
            <caption className="visually-hidden">Health changes, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Part</th>
                <th scope="col">Change</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {changes.data.healthChanges.nodes.map((c) => (
                <tr key={c.id}>
                  <td data-label="When" className="nowrap">
                    {formatDateTime(c.at)}
                  </td>
                  <th scope="row" data-label="Part">
                    {c.component}
                  </th>
                  <td data-label="Change">
                    {c.previousStatus ? `${humanize(c.previousStatus)} → ` : ''}
                    {humanize(c.status)}
                  </td>
                  <td data-label="Detail">{c.detail ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
