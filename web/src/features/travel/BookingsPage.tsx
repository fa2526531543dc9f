import { Link } from 'react-router';
import type { BookingOrderField, BookingStatus } from '../../__generated__/graphql.ts';
import { formatNumber, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { SearchBox } from '../../ui/SearchBox.tsx';
import { SortHeader } from '../../ui/SortHeader.tsx';
import { CursorPager } from '../../ui/CursorPager.tsx';
import { useCursorListParams } from '../../lib/useCursorListParams.ts';
import { BookingsTable } from './BookingsTable.tsx';
import { BOOKING_STATUSES } from './travelLabels.ts';
import { useBookings } from './useBookings.ts';

const SORT_FIELDS: readonly BookingOrderField[] = [
  'DEPARTURE_DATE',
  'BOOKING_REFERENCE',
  'TOTAL_PRICE_CENTS',
  'STATUS',
  'CREATED_AT',
  'UPDATED_AT',
];

/** Bookings from TT-API, with search, status filter, sort and paging done by TT-API; the page's cursor is in the URL. */
export function BookingsPage() {
  useDocumentTitle('Bookings');
  const [params, update] = useCursorListParams<BookingOrderField, BookingStatus>({
    sortFields: SORT_FIELDS,
    filterValues: BOOKING_STATUSES,
    filterKey: 'status',
  });
  const { bookings, totalCount, pageInfo, loaded, loading, error, refetch, clientId } = useBookings(params);
  const sortProps = { sort: params.sort, onSort: (sort: NonNullable<typeof params.sort>) => update({ sort }) };

  return (
    <section aria-labelledby="bookings-title">
      <header className="page-header">
        <h1 id="bookings-title">Bookings</h1>
        <p className="page-header__meta" role="status" aria-live="polite">
          {loaded ? `${formatNumber(totalCount)} ${totalCount === 1 ? 'booking' : 'bookings'}` : ''}
        </p>
      </header>
      {clientId && (
        <p className="page-header__meta" data-testid="client-scope">
          One client’s bookings. <Link to="/travel/bookings">Show every client’s</Link>
        </p>
      )}
      <div className="toolbar" role="search">
        <SearchBox
          label="Search bookings"
          placeholder="Reference, destination or confirmation number"
          value={params.search}
          onSearch={(search) => update({ search })}
        />
        <div className="field">
          <label className="field__label" htmlFor="booking-status">
            Status
          </label>
          <select
            id="booking-status"
            className="select"
            value={params.filter ?? ''}
            onChange={(e) => update({ filter: BOOKING_STATUSES.find((s) => s === e.target.value) ?? null })}
          >
            <option value="">All statuses</option>
            {BOOKING_STATUSES.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} testId="travel-notice" />}
      {(loaded || !error) && (
        <>
          <BookingsTable
            bookings={bookings}
            busy={loading}
            emptyMessage={loaded ? 'No bookings match.' : 'Loading bookings…'}
            headers={{
              reference: <SortHeader label="Booking" field="BOOKING_REFERENCE" {...sortProps} />,
              departure: <SortHeader label="Departs" field="DEPARTURE_DATE" {...sortProps} />,
              price: <SortHeader label="Price" field="TOTAL_PRICE_CENTS" numeric descendingFirst {...sortProps} />,
            }}
          />
          <CursorPager
            label="Booking pages"
            noun={['booking', 'bookings']}
            shown={bookings.length}
            totalCount={totalCount}
            pageInfo={pageInfo}
            onPage={(cursor) => update({ cursor })}
          />
        </>
      )}
    </section>
  );
}
