import { useQuery } from '@apollo/client/react';
import { humanize } from '../../lib/format.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { CompanyTravelClientsDocument } from './graphql/__generated__/companyTravelClients.ts';

/** The TT-API clients booking through a company; says so plainly when TT-API is unavailable. */
export function CompanyTravelClients({ companyId }: { companyId: string }) {
  const { data, loading, error, refetch } = useQuery(CompanyTravelClientsDocument, { variables: { id: companyId } });
  const clients = data?.company?.clients?.nodes ?? [];
  return (
    <section className="panel" aria-labelledby="company-travel-title" data-testid="travel-profile">
      <header className="panel__header">
        <h2 id="company-travel-title" className="panel__title">
          Travel clients
        </h2>
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} testId="travel-notice" />}
      {!error && loading && !data && <Loading />}
      {data && clients.length === 0 && <p className="empty">No travel clients book through this company yet.</p>}
      {clients.length > 0 && (
        <ul className="plain-list">
          {clients.map((c) => (
            <li key={c.id}>
              <strong>{c.displayName}</strong> <span className="cell-muted">· {humanize(c.clientType)} · {c.email}</span>{' '}
              <span className="badge">{humanize(c.status)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
