import { Link } from 'react-router';
import type { ClientTripOrderField, TripStatus } from '../../__generated__/graphql.ts';
import { formatNumber, humanize } from '../../lib/format.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { SearchBox } from '../../ui/SearchBox.tsx';
import { SortHeader } from '../../ui/SortHeader.tsx';
import { CursorPager } from '../../ui/CursorPager.tsx';
import { useCursorListParams } from '../../lib/useCursorListParams.ts';
import { TRIP_STATUSES } from './travelLabels.ts';
import { TripsTable } from './TripsTable.tsx';
import { useClientTrips } from './useClientTrips.ts';

const SORT_FIELDS: readonly ClientTripOrderField[] = [
  'START_DATE',
  'NAME',
  'TOTAL_COST_CENTS',
  'CREATED_AT',
  'UPDATED_AT',
];

/** Client trips from TT-API, with search, status filter, sort and paging done by TT-API; the page's cursor is in the URL. */
export function TripsPage() {
  useDocumentTitle('Trips');
  const [params, update] = useCursorListParams<ClientTripOrderField, TripStatus>({
    sortFields: SORT_FIELDS,
    filterValues: TRIP_STATUSES,
    filterKey: 'status',
  });
  const { trips, totalCount, pageInfo, loaded, loading, error, refetch, clientId } = useClientTrips(params);
  const sortProps = { sort: params.sort, onSort: (sort: NonNullable<typeof params.sort>) => update({ sort }) };

  return (
    <section aria-labelledby="trips-title">
      <header className="page-header">
        <h1 id="trips-title">Trips</h1>
        <p className="page-header__meta" role="status" aria-live="polite">
          {loaded ? `${formatNumber(totalCount)} ${totalCount === 1 ? 'trip' : 'trips'}` : ''}
        </p>
      </header>
      {clientId && (
        <p className="page-header__meta" data-testid="client-scope">
          One client’s trips. <Link to="/travel/trips">Show every client’s</Link>
        </p>
      )}
      <div className="toolbar" role="search">
        <SearchBox
          label="Search trips"
          placeholder="Trip name"
          value={params.search}
          onSearch={(search) => update({ search })}
        />
        <div className="field">
          <label className="field__label" htmlFor="trip-status">
            Status
          </label>
          <select
            id="trip-status"
            className="select"
            value={params.filter ?? ''}
            onChange={(e) => update({ filter: TRIP_STATUSES.find((s) => s === e.target.value) ?? null })}
          >
            <option value="">All statuses</option>
            {TRIP_STATUSES.map((s) => (
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
          <TripsTable
            trips={trips}
            busy={loading}
            emptyMessage={loaded ? 'No trips match.' : 'Loading trips…'}
            headers={{
              name: <SortHeader label="Trip" field="NAME" {...sortProps} />,
              start: <SortHeader label="Dates" field="START_DATE" {...sortProps} />,
              cost: <SortHeader label="Total" field="TOTAL_COST_CENTS" numeric descendingFirst {...sortProps} />,
            }}
          />
          <CursorPager
            label="Trip pages"
            noun={['trip', 'trips']}
            shown={trips.length}
            totalCount={totalCount}
            pageInfo={pageInfo}
            onPage={(cursor) => update({ cursor })}
          />
        </>
      )}
    </section>
  );
}
