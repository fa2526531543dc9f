import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { TripRowFragment } from '../../__generated__/graphql.ts';
import { formatCalendarDate, formatCents, humanize } from '../../lib/format.ts';
import { statusBadge } from './travelLabels.ts';

interface TripsTableProps {
  trips: readonly TripRowFragment[];
  emptyMessage?: string;
  busy?: boolean;
  hideClient?: boolean;
  headers?: { name?: ReactNode; start?: ReactNode; cost?: ReactNode };
}

export function TripsTable({ trips, emptyMessage = 'No trips.', busy, hideClient, headers = {} }: TripsTableProps) {
  return (
    <div className="table-frame" aria-busy={busy}>
      <table className="data-table" data-testid="trips-table">
        <thead>
          <tr>
            {headers.name ?? <th scope="col">Trip</th>}
            {!hideClient && <th scope="col">Client</th>}
            <th scope="col">Status</th>
            {headers.start ?? <th scope="col">Dates</th>}
            {headers.cost ?? (
              <th scope="col" className="numeric">
                Total
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {trips.length === 0 && (
            <tr>
              <td colSpan={hideClient ? 4 : 5} className="table-empty">
                {emptyMessage}
              </td>
            </tr>
          )}
          {trips.map((t) => (
            <tr key={t.id}>
              <th scope="row" className="cell-primary">
                <Link to={`/travel/trips/${t.id}`}>{t.name}</Link>
                <span className="cell-secondary">{humanize(t.tripType)}</span>
              </th>
              {!hideClient && <td>{t.client?.displayName ?? <span className="cell-muted">—</span>}</td>}
              <td>
                <span className={statusBadge(t.status)}>{humanize(t.status)}</span>
              </td>
              <td className="nowrap">
                {t.startDate ? formatCalendarDate(t.startDate) : <span className="cell-muted">Not set</span>}
                {t.endDate && ` – ${formatCalendarDate(t.endDate)}`}
              </td>
              <td className="numeric nowrap">{formatCents(t.totalCostCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
