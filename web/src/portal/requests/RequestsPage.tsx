/**
 * The traveller's requests in one place, phone-first: proposals to answer, forms and waivers to
 * complete, surveys to fill in, and conversations with the agency (with a way to start one).
 */
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { formatCalendarDate, formatDateTime, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Splash } from '../../ui/Splash.tsx';
import { PortalRequestsDocument } from './__generated__/requests.ts';
import { formatMoney } from './money.ts';

export function RequestsPage() {
  useDocumentTitle('Requests');
  const q = useQuery(PortalRequestsDocument, { fetchPolicy: 'cache-and-network' });
  if (!q.data && q.error) return <ErrorNotice error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Splash />;
  const proposals = q.data.portalProposals?.nodes ?? [];
  const forms = q.data.portalPreTripForms?.nodes ?? [];
  const surveys = q.data.portalSurveys?.nodes ?? [];
  const threads = q.data.portalThreads?.nodes ?? [];
  return (
    <article aria-labelledby="portal-requests-title" data-testid="portal-requests">
      <h1 id="portal-requests-title">Requests</h1>

      <section aria-labelledby="proposals-title">
        <h2 id="proposals-title">Proposals</h2>
        {proposals.length === 0 ? (
          <p className="empty">No proposals yet.</p>
        ) : (
          <ul className="plain-list portal-cards">
            {proposals.map((p) => (
              <li key={p.id} className="panel portal-card" data-testid="portal-proposal-card">
                <h3 className="panel__title">
                  <Link to={`/requests/proposals/${p.id}`}>{p.title}</Link>
                </h3>
                <p className="cell-muted">
                  {p.reference} · {formatMoney(p.totals.total, p.currency)} · valid until{' '}
                  {formatCalendarDate(p.expiresOn)}
                </p>
                <p>
                  <span className="badge">{humanize(p.status)}</span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="forms-title">
        <h2 id="forms-title">Forms and waivers</h2>
        {forms.length === 0 ? (
          <p className="empty">Nothing to fill in before your trips.</p>
        ) : (
          <ul className="plain-list portal-cards">
            {forms.map((f) => (
              <li key={f.id} className="panel portal-card" data-testid="portal-form-card">
                <h3 className="panel__title">
                  <Link to={`/requests/forms/${f.id}`}>{f.title}</Link>
                </h3>
                <p className="cell-muted">
                  {f.kind === 'WAIVER' ? 'Terms to accept' : 'Questionnaire'}
                  {f.tripName ? ` · ${f.tripName}` : ''}
                  {f.dueOn ? ` · by ${formatCalendarDate(f.dueOn)}` : ''}
                </p>
                <p>
                  <span className="badge">{f.done ? 'Done' : 'To do'}</span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="surveys-title">
        <h2 id="surveys-title">Surveys</h2>
        {surveys.length === 0 ? (
          <p className="empty">No surveys.</p>
        ) : (
          <ul className="plain-list portal-cards">
            {surveys.map((s) => (
              <li key={s.id} className="panel portal-card" data-testid="portal-survey-card">
                <h3 className="panel__title">
                  <Link to={`/requests/surveys/${s.id}`}>{s.name}</Link>
                </h3>
                <p className="cell-muted">
                  {s.respondedAt ? `Answered ${formatDateTime(s.respondedAt)}` : `Sent ${formatDateTime(s.sentAt)}`}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="messages-title">
        <h2 id="messages-title">Messages</h2>
        <p>
          <Link className="button" to="/requests/messages/new" data-testid="portal-new-message">
            Write to us
          </Link>
        </p>
        {threads.length === 0 ? (
          <p className="empty">No conversations yet.</p>
        ) : (
          <ul className="plain-list portal-cards">
            {threads.map((t) => (
              <li key={t.id} className="panel portal-card" data-testid="portal-thread-card">
                <h3 className="panel__title">
                  <Link to={`/requests/messages/${t.id}`}>{t.subject}</Link>
                </h3>
                <p className="cell-muted">
                  {t.reference} · {formatDateTime(t.updatedAt)}
                </p>
                <p>
                  <span className="badge">{humanize(t.status)}</span>
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
