import { useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { formatCalendarDate, formatCents, formatDay, humanize, personName } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Facts } from '../../ui/Facts.tsx';
import { Splash } from '../../ui/Splash.tsx';
import { BookingsTable } from './BookingsTable.tsx';
import { TripDocumentsPanel } from './PortalStaffPages.tsx';
import { TripReadinessPanel } from './ReadyToTravelPage.tsx';
import { ClientTripDocument } from './graphql/__generated__/clientTrip.ts';
import { statusBadge } from './travelLabels.ts';

/** A client trip: dates, client, itinerary day by day, travelers and bookings. */
export function TripDetailPage() {
  const { id = '' } = useParams();
  const { data, error, refetch } = useQuery(ClientTripDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  const trip = data?.clientTrip;
  // Readiness reads passports and emergency contacts: advisors and up.
  const canSeeReadiness = useHasRank('ADVISOR');
  useDocumentTitle(trip?.name ?? 'Trip');

  const crumbs = (
    <nav className="breadcrumbs" aria-label="Breadcrumbs">
      <Link to="/travel/trips">Trips</Link>
    </nav>
  );
  if (!data && error)
    return (
      <>
        {crumbs}
        <ErrorNotice error={error} onRetry={() => void refetch()} testId="travel-notice" />
      </>
    );
  if (!data) return <Splash />;
  if (!trip) return <p>This trip does not exist.</p>;

  return (
    <article aria-labelledby="trip-title" data-testid="trip-detail">
      {crumbs}
      <header className="page-header">
        <div>
          <h1 id="trip-title">{trip.name}</h1>
          <p className="page-header__meta">
            <span className={statusBadge(trip.status)}>{humanize(trip.status)}</span> {humanize(trip.tripType)}
          </p>
        </div>
      </header>
      <div className="record-grid">
        <section className="panel" aria-labelledby="trip-facts-title">
          <h2 id="trip-facts-title" className="panel__title">
            Details
          </h2>
          <Facts
            facts={[
              { label: 'Client', value: trip.client?.displayName },
              {
                label: 'CRM contact',
                value: trip.client?.contact && (
                  <Link to={`/crm/contacts/${trip.client.contact.id}`}>{personName(trip.client.contact)}</Link>
                ),
              },
              {
                label: 'Dates',
                value:
                  trip.startDate &&
                  `${formatCalendarDate(trip.startDate)}${trip.endDate ? ` – ${formatCalendarDate(trip.endDate)}` : ''}`,
              },
              { label: 'Total', value: formatCents(trip.totalCostCents) },
              { label: 'Based on', value: trip.tripOffering?.name },
              { label: 'Created', value: formatDay(trip.createdAt) },
            ]}
          />
          {trip.notes && <p className="task-description">{trip.notes}</p>}
        </section>
        <section className="panel" aria-labelledby="trip-travelers-title">
          <h2 id="trip-travelers-title" className="panel__title">
            Travelers <span className="panel__count">{trip.travelers?.totalCount ?? 0}</span>
          </h2>
          {(trip.travelers?.nodes ?? []).length === 0 ? (
            <p className="empty">No travelers named yet.</p>
          ) : (
            <ul className="plain-list">
              {(trip.travelers?.nodes ?? []).map((t) => (
                <li key={t.id}>
                  <Link to={`/travel/travelers/${t.id}`}>{personName(t)}</Link>
                  {t.nationality && <span className="cell-muted"> · {t.nationality}</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
        {canSeeReadiness && <TripReadinessPanel clientTripId={trip.id} />}
        {canSeeReadiness && <TripDocumentsPanel clientTripId={trip.id} />}
        <section className="panel panel--wide" aria-labelledby="trip-itinerary-title">
          <h2 id="trip-itinerary-title" className="panel__title">
            Itinerary
          </h2>
          <p>
            <Link to={`/travel/trips/${trip.id}/itinerary`}>Open the itinerary builder</Link>
          </p>
          {trip.itineraryItems.length === 0 ? (
            <p className="empty">No itinerary yet.</p>
          ) : (
            <ol className="itinerary">
              {trip.itineraryItems.map((item) => (
                <li key={`${item.day}-${item.title}`} className="itinerary__item">
                  <span className="itinerary__day">Day {item.day}</span>
                  <span className="itinerary__title">{item.title}</span>
                  {item.location && <span className="cell-muted"> · {item.location}</span>}
                  {item.description && <p className="itinerary__text">{item.description}</p>}
                </li>
              ))}
            </ol>
          )}
        </section>
        <section className="panel panel--wide" aria-labelledby="trip-bookings-title">
          <h2 id="trip-bookings-title" className="panel__title">
            Bookings
          </h2>
          <BookingsTable bookings={trip.bookings?.nodes ?? []} hideClient emptyMessage="No bookings for this trip." />
        </section>
      </div>
    </article>
  );
}
