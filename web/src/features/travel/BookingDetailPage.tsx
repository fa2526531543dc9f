import { useQuery } from '@apollo/client/react';
import { Link, useParams } from 'react-router';
import { formatCalendarDate, formatCents, formatDateTime, formatDay, humanize, personName } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { useHasRank } from '../../lib/useHasRank.ts';
import { BookingMoneyPanel, ConfirmBookingForm } from './BookingMoneyPanel.tsx';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Facts } from '../../ui/Facts.tsx';
import { Splash } from '../../ui/Splash.tsx';
import { BookingDocument } from './graphql/__generated__/booking.ts';
import { statusBadge } from './travelLabels.ts';

/** A booking: dates, price and payments so far, who travels, and the CRM deal it came from. */
export function BookingDetailPage() {
  const { id = '' } = useParams();
  const { data, error, refetch } = useQuery(BookingDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const booking = data?.booking;
  const advisor = useHasRank('ADVISOR');
  const manager = useHasRank('MANAGER');
  useDocumentTitle(booking?.bookingReference ?? 'Booking');

  const crumbs = (
    <nav className="breadcrumbs" aria-label="Breadcrumbs">
      <Link to="/travel/bookings">Bookings</Link>
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
  if (!booking) return <p>This booking does not exist.</p>;

  return (
    <article aria-labelledby="booking-title" data-testid="booking-detail">
      {crumbs}
      <header className="page-header">
        <div>
          <h1 id="booking-title">
            {booking.bookingReference} · {booking.destination}
          </h1>
          <p className="page-header__meta">
            <span className={statusBadge(booking.status)}>{humanize(booking.status)}</span>{' '}
            <span className={booking.booked ? 'badge badge--gold' : 'badge'} data-testid="booked-state">
              {booking.booked ? 'Booked' : 'Not booked: no supplier confirmation'}
            </span>{' '}
            Payment {humanize(booking.paymentStatus).toLowerCase()}
          </p>
        </div>
      </header>
      <div className="record-grid">
        <section className="panel" aria-labelledby="booking-facts-title">
          <h2 id="booking-facts-title" className="panel__title">
            Details
          </h2>
          <Facts
            facts={[
              { label: 'Departs', value: formatCalendarDate(booking.departureDate) },
              { label: 'Returns', value: booking.returnDate && formatCalendarDate(booking.returnDate) },
              { label: 'Price', value: formatCents(booking.totalPriceCents) },
              { label: 'Paid', value: `${formatCents(booking.amountPaidCents)} (${formatCents(booking.totalPriceCents - booking.amountPaidCents)} outstanding)` },
              { label: 'Vendor', value: booking.vendor?.name },
              { label: 'Confirmation', value: booking.vendorConfirmationNumber },
              { label: 'Confirmed', value: booking.confirmedAt && formatDateTime(booking.confirmedAt) },
              { label: 'Trip', value: booking.clientTrip && <Link to={`/travel/trips/${booking.clientTrip.id}`}>{booking.clientTrip.name}</Link> },
              { label: 'Offering', value: booking.tripOffering?.name },
              { label: 'Client', value: booking.client?.displayName },
              {
                label: 'CRM contact',
                value: booking.client?.contact && <Link to={`/crm/contacts/${booking.client.contact.id}`}>{personName(booking.client.contact)}</Link>,
              },
              { label: 'CRM deal', value: booking.deal && <Link to={`/crm/deals/${booking.deal.id}`}>{booking.deal.title}</Link> },
              { label: 'Created', value: formatDay(booking.createdAt) },
            ]}
          />
          {booking.notes && <p className="task-description">{booking.notes}</p>}
          {advisor && !['CANCELLED', 'REFUNDED'].includes(booking.status) && (
            <ConfirmBookingForm key={booking.vendorConfirmationNumber ?? ''} bookingId={booking.id} current={booking.vendorConfirmationNumber ?? null} />
          )}
        </section>
        <section className="panel" aria-labelledby="booking-travelers-title">
          <h2 id="booking-travelers-title" className="panel__title">
            Travelers <span className="panel__count">{booking.travelers?.totalCount ?? 0}</span>
          </h2>
          {(booking.travelers?.nodes ?? []).length === 0 ? (
            <p className="empty">No travelers named yet.</p>
          ) : (
            <ul className="plain-list">
              {(booking.travelers?.nodes ?? []).map((t) => (
                <li key={t.id}>
                  {t.traveler ? <Link to={`/travel/travelers/${t.traveler.id}`}>{personName(t.traveler)}</Link> : 'Unknown traveler'}
                  {t.isPrimary && <span className="badge badge--gold">Primary</span>}
                  {t.traveler?.nationality && <span className="cell-muted"> · {t.traveler.nationality}</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
      {manager && <BookingMoneyPanel bookingId={booking.id} />}
    </article>
  );
}
