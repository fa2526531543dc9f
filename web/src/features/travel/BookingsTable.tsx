import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { BookingRowFragment } from '../../__generated__/graphql.ts';
import { formatCalendarDate, formatCents, humanize } from '../../lib/format.ts';
import { statusBadge } from './travelLabels.ts';

interface BookingsTableProps {
  bookings: readonly BookingRowFragment[];
  emptyMessage?: string;
  busy?: boolean;
  hideClient?: boolean;
  headers?: { reference?: ReactNode; departure?: ReactNode; price?: ReactNode };
}

export function BookingsTable({ bookings, emptyMessage = 'No bookings.', busy, hideClient, headers = {} }: BookingsTableProps) {
  return (
    <div className="table-frame" aria-busy={busy}>
      <table className="data-table" data-testid="bookings-table">
        <thead>
          <tr>
            {headers.reference ?? <th scope="col">Booking</th>}
            <th scope="col">Destination</th>
            {!hideClient && <th scope="col">Client</th>}
            {headers.departure ?? <th scope="col">Departs</th>}
            <th scope="col">Status</th>
            {headers.price ?? (
              <th scope="col" className="numeric">
                Price
              </th>
            )}
            <th scope="col" className="numeric">
              Paid
            </th>
          </tr>
        </thead>
        <tbody>
          {bookings.length === 0 && (
            <tr>
              <td colSpan={hideClient ? 6 : 7} className="table-empty">
                {emptyMessage}
              </td>
            </tr>
          )}
          {bookings.map((b) => (
            <tr key={b.id}>
              <th scope="row" className="cell-primary nowrap">
                <Link to={`/travel/bookings/${b.id}`}>{b.bookingReference}</Link>
              </th>
              <td>{b.destination}</td>
              {!hideClient && <td>{b.client?.displayName ?? <span className="cell-muted">—</span>}</td>}
              <td className="nowrap">{formatCalendarDate(b.departureDate)}</td>
              <td>
                <span className={statusBadge(b.status)}>{humanize(b.status)}</span>
              </td>
              <td className="numeric nowrap">{formatCents(b.totalPriceCents)}</td>
              <td className="numeric nowrap">
                {formatCents(b.amountPaidCents)}
                <span className="cell-secondary">{humanize(b.paymentStatus)}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
