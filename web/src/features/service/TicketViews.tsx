import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { TicketFilter } from '../../__generated__/graphql.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import {
  ActiveTravelAlertsDocument,
  DeleteTicketViewDocument,
  OpenTravelAlertIncidentDocument,
  SaveTicketViewDocument,
  TicketSavedViewsDocument,
} from './graphql/__generated__/desk.ts';

/** The ticket list's URL parameters and the filter fields they stand for. */
export const PARAMS = {
  view: 'view',
  status: 'status',
  priority: 'priority',
  q: 'q',
  dest: 'dest',
  esc: 'esc',
} as const;

type SavedFilter = {
  view?: string | null;
  statuses: string[];
  priorities: string[];
  search?: string | null;
  destination?: string | null;
  minEscalationLevel?: number | null;
};

/** A saved filter as the list's URL parameters (the list shows one status and one priority at a time). */
const paramsOf = (f: SavedFilter) => {
  const p = new URLSearchParams();
  if (f.view) p.set(PARAMS.view, f.view);
  if (f.statuses[0]) p.set(PARAMS.status, f.statuses[0]);
  if (f.priorities[0]) p.set(PARAMS.priority, f.priorities[0]);
  if (f.search) p.set(PARAMS.q, f.search);
  if (f.destination) p.set(PARAMS.dest, f.destination);
  if (f.minEscalationLevel) p.set(PARAMS.esc, String(f.minEscalationLevel));
  return p;
};

/**
 * Saved views: the viewer's own and their team's, one click to apply; the current filters saved
 * under a name, optionally shared with the viewer's team; the owner deletes theirs.
 */
export function SavedViews({ filter, apply }: { filter: TicketFilter; apply: (p: URLSearchParams) => void }) {
  const { data, error, refetch } = useQuery(TicketSavedViewsDocument, { fetchPolicy: 'cache-and-network' });
  const [save, saving] = useMutation(SaveTicketViewDocument);
  const [remove, removing] = useMutation(DeleteTicketViewDocument);
  const [name, setName] = useState('');
  const [share, setShare] = useState(false);
  const views = data?.ticketSavedViews?.nodes ?? [];
  return (
    <section className="saved-views" aria-label="Saved views" data-testid="saved-views">
      {error && <ErrorNotice error={error} />}
      {(saving.error ?? removing.error) && <ErrorNotice error={(saving.error ?? removing.error)!} />}
      <ul className="tabs">
        {views.map((v) => (
          <li key={v.id}>
            <button type="button" className="button" onClick={() => apply(paramsOf(v.filter))}>
              {v.name}
            </button>
            {!v.mine && (
              <small>
                {' '}
                ({v.owner.name ?? 'team'}, {v.sharedWithTeam})
              </small>
            )}
            {v.mine && v.sharedWithTeam && <small> (shared with {v.sharedWithTeam})</small>}
            {v.mine && (
              <button
                type="button"
                className="button"
                aria-label={`Delete view ${v.name}`}
                onClick={() =>
                  void remove({ variables: { id: v.id } }).then(
                    () => refetch(),
                    () => undefined,
                  )
                }
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      <form
        className="filters"
        aria-label="Save this view"
        onSubmit={(e) => {
          e.preventDefault();
          void save({ variables: { input: { name, filter, shareWithTeam: share } } }).then(
            () => {
              setName('');
              void refetch();
            },
            () => undefined,
          );
        }}
      >
        <label>
          View name <input className="input" value={name} onChange={(e) => setName(e.target.value)} required />
        </label>
        <label>
          <input type="checkbox" checked={share} onChange={(e) => setShare(e.target.checked)} /> Share with my team
        </label>
        <button type="submit" className="button" disabled={saving.loading}>
          Save view
        </button>
      </form>
    </section>
  );
}

/** Advisors open a parent incident for an active TT-API travel alert (critical ones open by themselves). */
export function AlertIncidentOpener() {
  const canOpen = useHasRank('ADVISOR');
  const navigate = useNavigate();
  const { data } = useQuery(ActiveTravelAlertsDocument, { skip: !canOpen, errorPolicy: 'all' });
  const [open, opening] = useMutation(OpenTravelAlertIncidentDocument);
  const [alertId, setAlertId] = useState('');
  const [days, setDays] = useState('14');
  if (!canOpen) return null;
  const alerts = data?.travelAlerts?.nodes ?? [];
  return (
    <form
      className="filters"
      aria-label="Incident from a travel alert"
      onSubmit={(e) => {
        e.preventDefault();
        void open({ variables: { input: { alertId, departingWithinDays: Number(days) } } }).then(
          (r) => {
            const id = r.data?.openTravelAlertIncident.id;
            if (id) void navigate(`/service/tickets/${id}`);
          },
          () => undefined,
        );
      }}
    >
      {opening.error && <ErrorNotice error={opening.error} />}
      <label>
        Travel alert{' '}
        <select className="input" value={alertId} onChange={(e) => setAlertId(e.target.value)} required>
          <option value="">Choose an alert</option>
          {alerts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.severity} · {a.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        Departing within (days){' '}
        <input
          className="input"
          type="number"
          min={0}
          max={60}
          value={days}
          onChange={(e) => setDays(e.target.value)}
        />
      </label>
      <button type="submit" className="button" disabled={opening.loading || !alertId}>
        Open incident
      </button>
    </form>
  );
}
