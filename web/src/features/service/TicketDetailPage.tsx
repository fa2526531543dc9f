import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { TicketPriority, TicketStatus } from '../../__generated__/graphql.ts';
import { formatCents, formatCalendarDate, formatDateTime, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import {
  AcceptTriageDocument,
  AddTicketNoteDocument,
  AddTicketReplyDocument,
  TicketChangedDocument,
  TicketDocument,
  TicketTravelDocument,
  UpdateTicketDocument,
} from './graphql/__generated__/service.ts';
import { PRIORITIES, SlaBadge, STATUSES } from './ticketParts.tsx';
import { TicketPresence } from './TicketPresence.tsx';
import { AttachmentsPanel, IncidentPanel } from './TicketExtras.tsx';

/**
 * One ticket: the conversation and internal notes, its properties and SLA timers, triage's
 * suggested articles (a public one's link goes into the reply), the requester's trips and the
 * history. Live: another person's change arrives through `ticketChanged`, and who else is viewing
 * or replying shows under the title (collision detection).
 */
export function TicketDetailPage() {
  const { id = '' } = useParams();
  const canWrite = useHasRank('AGENT');
  const { data, error, refetch } = useQuery(TicketDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  useSubscription(TicketChangedDocument, { variables: { ticketId: id }, onData: () => void refetch() });
  const [reply, setReply] = useState('');
  const [mode, setMode] = useState<'reply' | 'note'>('reply');
  const [replyStatus, setReplyStatus] = useState<TicketStatus>('PENDING');
  const [addReply, replying] = useMutation(AddTicketReplyDocument);
  const [addNote, noting] = useMutation(AddTicketNoteDocument);
  const [update, updating] = useMutation(UpdateTicketDocument);
  const [accept] = useMutation(AcceptTriageDocument);
  const t = data?.ticket;
  useDocumentTitle(t ? `${t.reference} ${t.subject}` : 'Ticket');
  if (error && !t) return <ErrorNotice error={error} onRetry={() => void refetch()} />;
  if (!t) return data ? <p>This ticket does not exist or is not yours to see.</p> : <Loading />;

  const send = async () => {
    if (!reply.trim()) return;
    if (mode === 'reply')
      await addReply({ variables: { input: { ticketId: t.id, body: reply, status: replyStatus } } });
    else await addNote({ variables: { input: { ticketId: t.id, body: reply } } });
    setReply('');
    await refetch();
  };
  const insertLink = async (article: { id: string; title: string; publicUrl?: string | null }) => {
    if (!article.publicUrl) return;
    setMode('reply');
    setReply((r) => `${r}${r && !r.endsWith('\n') ? '\n\n' : ''}${article.title}: ${article.publicUrl}`);
    // Recording the accepted article is what the triage hit rate counts.
    await accept({ variables: { input: { ticketId: t.id, articleId: article.id } } });
  };
  const mutationError = replying.error ?? noting.error ?? updating.error;

  return (
    <article className="record" data-testid="ticket-detail" aria-labelledby="ticket-title">
      <header className="page-header">
        <p className="page-header__meta">
          <Link to="/service/tickets">Tickets</Link>
        </p>
        <h1 id="ticket-title">
          {t.reference} {t.subject}
        </h1>
        <SlaBadge state={t.sla.state} />
      </header>
      {canWrite && <TicketPresence ticketId={t.id} replying={reply.trim().length > 0} />}
      {mutationError && <ErrorNotice error={mutationError} />}
      <div className="record__layout">
        <div className="record__main">
          <section className="panel" aria-labelledby="conversation-title">
            <h2 id="conversation-title">Conversation</h2>
            <ol className="timeline" data-testid="conversation">
              {t.messages?.nodes.map((m) => (
                <li key={m.id} className={`timeline__item timeline__item--${m.kind.toLowerCase()}`} data-kind={m.kind}>
                  <span className="timeline__mark" aria-hidden="true">
                    {m.kind === 'INTERNAL_NOTE' ? '✎' : m.kind === 'PUBLIC_REPLY' ? '↩' : '✉'}
                  </span>
                  <div className="timeline__body">
                    <p className="timeline__meta">
                      {m.kind === 'INTERNAL_NOTE' ? 'Internal note' : m.kind === 'PUBLIC_REPLY' ? 'Reply' : 'Requester'}{' '}
                      · {m.author?.name ?? m.authorEmail ?? 'Unknown'} · {formatDateTime(m.createdAt)}
                    </p>
                    <p className="timeline__text" style={{ whiteSpace: 'pre-wrap' }}>
                      {m.body}
                    </p>
                  </div>
                </li>
              ))}
            </ol>
            {canWrite && t.status !== 'CLOSED' && (
              <form
                className="composer"
                onSubmit={(e) => {
                  e.preventDefault();
                  void send();
                }}
              >
                <div role="radiogroup" aria-label="Message type">
                  <label>
                    <input type="radio" checked={mode === 'reply'} onChange={() => setMode('reply')} /> Public reply
                  </label>{' '}
                  <label>
                    <input type="radio" checked={mode === 'note'} onChange={() => setMode('note')} /> Internal note
                  </label>
                </div>
                <label htmlFor="ticket-composer">{mode === 'reply' ? 'Reply' : 'Note'}</label>
                <textarea
                  id="ticket-composer"
                  className="input"
                  rows={6}
                  value={reply}
                  onChange={(e) => setReply(e.target.value)}
                />
                {mode === 'reply' && (
                  <label>
                    Then set status{' '}
                    <select
                      className="input"
                      value={replyStatus}
                      onChange={(e) => setReplyStatus(e.target.value as TicketStatus)}
                    >
                      {STATUSES.filter((s) => s !== 'NEW' && s !== 'CLOSED').map((s) => (
                        <option key={s} value={s}>
                          {humanize(s)}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
                <button type="submit" className="button button--primary" disabled={replying.loading || noting.loading}>
                  {mode === 'reply' ? 'Send reply' : 'Add note'}
                </button>
              </form>
            )}
          </section>
          <IncidentPanel
            key={`${t.id}:${t.incidentMessage ?? ''}`}
            ticketId={t.id}
            incidentMessage={t.incidentMessage ?? null}
            children={t.children?.nodes ?? []}
            total={t.children?.totalCount ?? 0}
            onChanged={() => void refetch()}
          />
          <AttachmentsPanel
            ticketId={t.id}
            attachments={t.attachments?.nodes ?? []}
            canWrite={canWrite && t.status !== 'CLOSED'}
            onChanged={() => void refetch()}
          />
          <section className="panel" aria-labelledby="history-title">
            <h2 id="history-title">History</h2>
            <ul data-testid="ticket-history">
              {t.history?.nodes.map((h) => (
                <li key={h.id}>
                  {formatDateTime(h.createdAt)} · {humanize(h.action)} · {h.actor}
                </li>
              ))}
            </ul>
          </section>
        </div>
        <aside className="record__side">
          <section className="panel" aria-labelledby="props-title">
            <h2 id="props-title">Properties</h2>
            <label>
              Status{' '}
              <select
                className="input"
                value={t.status}
                disabled={!canWrite}
                onChange={(e) =>
                  void update({ variables: { input: { id: t.id, status: e.target.value as TicketStatus } } })
                }
              >
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {humanize(s)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Priority{' '}
              <select
                className="input"
                value={t.priority}
                disabled={!canWrite}
                onChange={(e) =>
                  void update({ variables: { input: { id: t.id, priority: e.target.value as TicketPriority } } })
                }
              >
                {PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {humanize(p)}
                  </option>
                ))}
              </select>
            </label>
            <dl className="facts">
              <dt>Category</dt>
              <dd>{humanize(t.category)}</dd>
              <dt>Source</dt>
              <dd>{humanize(t.source)}</dd>
              <dt>Requester</dt>
              <dd>{[t.requesterName, t.requesterEmail].filter(Boolean).join(' · ') || '—'}</dd>
              <dt>Assignee</dt>
              <dd>{t.assignee?.name ?? 'Unassigned'}</dd>
              {t.parent && (
                <>
                  <dt>Incident</dt>
                  <dd>
                    <Link to={`/service/tickets/${t.parent.id}`}>{t.parent.reference}</Link>
                  </dd>
                </>
              )}
              <dt>Travelling now</dt>
              <dd>{t.requesterTravelling ? 'Yes' : 'No'}</dd>
              <dt>Destination</dt>
              <dd>{t.destination ?? '—'}</dd>
              <dt>Supplier</dt>
              <dd>{t.supplier ?? '—'}</dd>
              <dt>Tags</dt>
              <dd>{t.tags.join(', ') || '—'}</dd>
            </dl>
          </section>
          <section className="panel" aria-labelledby="sla-title" data-testid="sla-timers">
            <h2 id="sla-title">SLA</h2>
            <dl className="facts">
              <dt>Policy</dt>
              <dd>{t.sla.policy?.name ?? 'None'}</dd>
              <dt>First reply due</dt>
              <dd>
                {t.sla.firstRepliedAt ? `Met ${formatDateTime(t.sla.firstRepliedAt)}` : due(t.sla.firstReplyDueAt)}
              </dd>
              <dt>Next reply due</dt>
              <dd>{due(t.sla.nextReplyDueAt)}</dd>
              <dt>Resolution due</dt>
              <dd>{due(t.sla.resolutionDueAt)}</dd>
              <dt>Escalation</dt>
              <dd data-testid="escalation-level">
                {t.sla.escalationLevel
                  ? `Level ${t.sla.escalationLevel}: ${ESCALATION[t.sla.escalationLevel] ?? ''}${t.sla.escalatedAt ? ` (${formatDateTime(t.sla.escalatedAt)})` : ''}`
                  : 'None'}
              </dd>
              {t.sla.pausedAt && (
                <>
                  <dt>Paused</dt>
                  <dd>Since {formatDateTime(t.sla.pausedAt)} (waiting on the requester)</dd>
                </>
              )}
            </dl>
          </section>
          <section className="panel" aria-labelledby="suggested-title" data-testid="suggested-articles">
            <h2 id="suggested-title">Suggested articles</h2>
            {t.triage && (t.triage.category || t.triage.priority) && (
              <p>
                Suggested: {t.triage.category ? humanize(t.triage.category) : ''}{' '}
                {t.triage.priority ? `· ${humanize(t.triage.priority)}` : ''}
              </p>
            )}
            <ul>
              {t.triage?.articles?.nodes.map((a) => (
                <li key={a.id}>
                  <Link to={`/service/kb/${a.id}`}>{a.title}</Link> <small>({humanize(a.visibility)})</small>{' '}
                  {a.publicUrl && canWrite && (
                    <button type="button" className="button" onClick={() => void insertLink(a)}>
                      Insert link
                    </button>
                  )}
                </li>
              ))}
            </ul>
            {!t.triage?.articles?.nodes.length && <p>No suggestions.</p>}
          </section>
          <TripPanel ticketId={t.id} />
        </aside>
      </div>
    </article>
  );
}

const due = (at: string | null | undefined) => (at ? formatDateTime(at) : '—');
const ESCALATION: Record<number, string> = {
  1: 'near breach, assignee told',
  2: 'breached, team lead told',
  3: 'still breached, manager told',
};

/** The requester's travel from TT-API (through travel): trips, next booking, balance, emergency contacts. */
function TripPanel({ ticketId }: { ticketId: string }) {
  const { data, error } = useQuery(TicketTravelDocument, { variables: { id: ticketId }, errorPolicy: 'all' });
  const traveler = data?.ticket?.requester?.traveler;
  const today = new Date().toISOString().slice(0, 10);
  const bookings = traveler?.bookings?.nodes ?? [];
  const next = bookings
    .filter((b) => b.departureDate >= today)
    .sort((a, b) => (a.departureDate < b.departureDate ? -1 : 1))[0];
  const balance = bookings.reduce((sum, b) => sum + (b.totalPriceCents - b.amountPaidCents), 0);
  return (
    <section className="panel" aria-labelledby="trip-title" data-testid="ticket-travel">
      <h2 id="trip-title">Travel</h2>
      {!data && !error && <Loading />}
      {error && !traveler && <p>Travel data is unavailable.</p>}
      {data && !traveler && !error && <p>The requester has no traveller profile.</p>}
      {traveler && (
        <>
          <ul>
            {traveler.trips?.nodes.map((trip) => (
              <li key={trip.id}>
                {trip.name}: {humanize(trip.status)}
                {trip.startDate ? ` · ${formatCalendarDate(trip.startDate)}` : ''}
              </li>
            ))}
          </ul>
          {next && (
            <p>
              Next: {humanize(next.bookingType)} to {next.destination} on {formatCalendarDate(next.departureDate)} ·{' '}
              {next.bookingReference}
              {next.vendorConfirmationNumber ? ` · confirmation ${next.vendorConfirmationNumber}` : ''}
            </p>
          )}
          <p>Balance owed: {formatCents(balance)}</p>
          <h3>Emergency contacts</h3>
          <ul>
            {traveler.emergencyContacts?.nodes.map((c) => (
              <li key={c.id}>
                {c.fullName} ({c.relationship}) {c.phone}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
