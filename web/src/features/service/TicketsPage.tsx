import { useQuery, useSubscription } from '@apollo/client/react';
import { Link, useSearchParams } from 'react-router';
import type { TicketFilter, TicketPriority, TicketStatus, TicketView } from '../../__generated__/graphql.ts';
import { formatDateTime, formatNumber, humanize } from '../../lib/format.ts';
import { pageArgs } from '../../lib/useCursorListParams.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { CursorPager } from '../../ui/CursorPager.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { useUrlCursor } from '../marketing/usePagedQuery.ts';
import { TicketListChangedDocument, TicketsDocument } from './graphql/__generated__/service.ts';
import { PRIORITIES, SlaBadge, STATUSES, nextDue } from './ticketParts.tsx';
import { AlertIncidentOpener, PARAMS, SavedViews } from './TicketViews.tsx';

const PAGE_SIZE = 25;
const VIEWS: { view: TicketView | null; label: string }[] = [
  { view: null, label: 'All' },
  { view: 'MINE', label: 'Mine' },
  { view: 'UNASSIGNED', label: 'Unassigned' },
  { view: 'AT_RISK', label: 'At risk' },
  { view: 'BREACHED', label: 'Breached' },
];

/** The desk's ticket list: saved views, filters in the URL, kept live through `ticketChanged`. */
export function TicketsPage() {
  useDocumentTitle('Tickets');
  const [params, setParams] = useSearchParams();
  const { cursor, onPage } = useUrlCursor();
  const view = (params.get('view') as TicketView | null) ?? null;
  const status = params.get('status') as TicketStatus | null;
  const priority = params.get('priority') as TicketPriority | null;
  const search = params.get('q') ?? '';
  const destination = params.get(PARAMS.dest) ?? '';
  const escalation = Number(params.get(PARAMS.esc) ?? '') || null;
  const filter: TicketFilter = {
    ...(view ? { view } : {}),
    ...(status ? { statuses: [status] } : {}),
    ...(priority ? { priorities: [priority] } : {}),
    ...(search.trim() ? { search: search.trim() } : {}),
    ...(destination.trim() ? { destination: destination.trim() } : {}),
    ...(escalation ? { minEscalationLevel: escalation } : {}),
  };
  const { data, previousData, loading, error, refetch } = useQuery(TicketsDocument, {
    variables: { filter, ...pageArgs(cursor, PAGE_SIZE) },
    fetchPolicy: 'cache-and-network',
  });
  // Any ticket changing may move it into or out of this view: ask for the page again.
  useSubscription(TicketListChangedDocument, { onData: () => void refetch() });
  const set = (key: string, value: string | null) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (value) next.set(key, value);
      else next.delete(key);
      next.delete('after');
      next.delete('before');
      return next;
    });
  const result = (data ?? previousData)?.tickets;
  return (
    <section aria-labelledby="tickets-title">
      <header className="page-header">
        <h1 id="tickets-title">Tickets</h1>
        <p className="page-header__meta">{result ? `${formatNumber(result.totalCount)} tickets` : ''}</p>
      </header>
      <nav className="tabs" aria-label="Ticket views">
        {VIEWS.map((v) => (
          <button
            key={v.label}
            type="button"
            className={`button${view === v.view ? ' button--primary' : ''}`}
            aria-pressed={view === v.view}
            onClick={() => set('view', v.view)}
          >
            {v.label}
          </button>
        ))}
      </nav>
      <SavedViews filter={filter} apply={(p) => setParams(p)} />
      <div className="filters" role="group" aria-label="Filters">
        <label>
          Search{' '}
          <input
            className="input"
            type="search"
            defaultValue={search}
            onKeyDown={(e) => e.key === 'Enter' && set('q', e.currentTarget.value)}
          />
        </label>
        <label>
          Status{' '}
          <select className="input" value={status ?? ''} onChange={(e) => set('status', e.target.value || null)}>
            <option value="">Any</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Priority{' '}
          <select className="input" value={priority ?? ''} onChange={(e) => set('priority', e.target.value || null)}>
            <option value="">Any</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {humanize(p)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Destination{' '}
          <input
            className="input"
            key={destination}
            defaultValue={destination}
            onKeyDown={(e) => e.key === 'Enter' && set(PARAMS.dest, e.currentTarget.value.trim() || null)}
          />
        </label>
        <label>
          Escalated{' '}
          <select className="input" value={escalation ?? ''} onChange={(e) => set(PARAMS.esc, e.target.value || null)}>
            <option value="">Any</option>
            <option value="1">Level 1 or more</option>
            <option value="2">Level 2 or more</option>
            <option value="3">Level 3</option>
          </select>
        </label>
      </div>
      <AlertIncidentOpener />
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} />}
      {!result && !error && <Loading />}
      {result && (
        <>
          <div className="table-frame" aria-busy={loading}>
            <table className="data-table" data-testid="tickets-table">
              <thead>
                <tr>
                  <th scope="col">Ticket</th>
                  <th scope="col">Requester</th>
                  <th scope="col">Status</th>
                  <th scope="col">Priority</th>
                  <th scope="col">Assignee</th>
                  <th scope="col">SLA</th>
                  <th scope="col">Next due</th>
                </tr>
              </thead>
              <tbody>
                {result.nodes.map((t) => (
                  <tr key={t.id}>
                    <th scope="row">
                      <Link to={`/service/tickets/${t.id}`}>
                        {t.reference} {t.subject}
                      </Link>
                    </th>
                    <td>
                      {t.requesterName ?? t.requesterEmail ?? '—'}
                      {t.destination && <small> · {t.destination}</small>}
                    </td>
                    <td>{humanize(t.status)}</td>
                    <td>{humanize(t.priority)}</td>
                    <td>{t.assignee?.name ?? 'Unassigned'}</td>
                    <td>
                      <SlaBadge state={t.sla.state} />
                      {t.escalationLevel > 0 && <small> · level {t.escalationLevel}</small>}
                    </td>
                    <td>{nextDue(t.sla) ? formatDateTime(nextDue(t.sla) ?? '') : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {result.nodes.length === 0 && <p className="empty">No tickets in this view.</p>}
          </div>
          <CursorPager
            label="Ticket pages"
            noun={['ticket', 'tickets']}
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
