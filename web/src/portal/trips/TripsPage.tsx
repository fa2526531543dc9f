/** The traveller's trips: upcoming ones first (soonest first), then past ones. Phone-first cards; each opens the trip. */
import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import type { PortalTripsQuery } from '../../__generated__/graphql.ts';
import { describeError } from '../../lib/errors.ts';
import { formatCalendarDate, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Splash } from '../../ui/Splash.tsx';
import { usePortalSession } from '../shell/session.ts';
import { PortalTripsDocument } from './__generated__/trips.ts';

type Trip = NonNullable<PortalTripsQuery['portalTrips']>['nodes'][number];

export const tripDates = (t: { startDate?: string | null; endDate?: string | null }) =>
  t.startDate
    ? `${formatCalendarDate(t.startDate)}${t.endDate && t.endDate !== t.startDate ? ` – ${formatCalendarDate(t.endDate)}` : ''}`
    : 'Dates to be confirmed';

function TripCard({ trip }: { trip: Trip }) {
  const others = trip.travelers.filter((x) => !x.isSelf).map((x) => `${x.firstName} ${x.lastName}`);
  return (
    <li className="panel portal-card" data-testid="portal-trip-card">
      <h3 className="panel__title">
        <Link to={`/trips/${trip.id}`}>{trip.name}</Link>
      </h3>
      <p className="cell-muted">{tripDates(trip)}</p>
      <p>
        <span className="badge">{humanize(trip.status)}</span> {humanize(trip.tripType)}
      </p>
      {others.length > 0 && <p className="cell-muted">With {others.join(', ')}</p>}
    </li>
  );
}

/** Trips this device kept for use offline (each opened once online). */
function savedTrips(): Trip[] {
  const trips: Trip[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (!key?.startsWith('portal:trip:')) continue;
      const trip = JSON.parse(localStorage.getItem(key) ?? 'null') as Trip | null;
      if (trip?.id) trips.push(trip);
    }
  } catch {
    return trips;
  }
  return trips.sort((a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? ''));
}

export function TripsPage() {
  useDocumentTitle('My trips');
  const session = usePortalSession();
  const offline = session.status === 'offline';
  const q = useQuery(PortalTripsDocument, { fetchPolicy: 'cache-and-network', skip: offline });
  if (offline || (!q.data && q.error && describeError(q.error).code === 'NETWORK')) {
    const saved = savedTrips();
    return (
      <article aria-labelledby="portal-trips-title" data-testid="portal-trips">
        <h1 id="portal-trips-title">My trips</h1>
        <p className="notice" role="status">
          You are offline: these trips are saved on this device.
        </p>
        {saved.length === 0 ? (
          <p className="empty">No trip was saved on this device yet: open a trip once while online.</p>
        ) : (
          <ul className="plain-list portal-cards">
            {saved.map((t) => (
              <TripCard key={t.id} trip={t} />
            ))}
          </ul>
        )}
      </article>
    );
  }
  const trips = q.data?.portalTrips?.nodes ?? [];
  const upcoming = trips.filter((t) => t.upcoming);
  const past = trips.filter((t) => !t.upcoming);
  if (!q.data && q.error) return <ErrorNotice error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Splash />;
  return (
    <article aria-labelledby="portal-trips-title" data-testid="portal-trips">
      <h1 id="portal-trips-title">My trips</h1>
      <section aria-labelledby="upcoming-title">
        <h2 id="upcoming-title">Upcoming</h2>
        {upcoming.length === 0 ? (
          <p className="empty">No upcoming trips yet.</p>
        ) : (
          <ul className="plain-list portal-cards">
            {upcoming.map((t) => (
              <TripCard key={t.id} trip={t} />
            ))}
          </ul>
        )}
      </section>
      {past.length > 0 && (
        <section aria-labelledby="past-title">
          <h2 id="past-title">Past trips</h2>
          <ul className="plain-list portal-cards">
            {past.map((t) => (
              <TripCard key={t.id} trip={t} />
            ))}
          </ul>
        </section>
      )}
      <p className="cell-muted">
        Trip emails (a new itinerary, a schedule change, a payment due) are chosen in{' '}
        <Link to="/account">your account</Link>.
      </p>
    </article>
  );
}
