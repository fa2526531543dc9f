import { useQuery } from '@apollo/client/react';
import { ErrorNotice } from '../../ui/ErrorNotice.tsx';
import { Loading } from '../../ui/Splash.tsx';
import { BookingsTable } from './BookingsTable.tsx';
import { DealBookingsDocument } from './graphql/__generated__/dealBookings.ts';

/** Bookings TT-API holds for a deal; says so plainly when TT-API is unavailable. */
export function DealBookings({ dealId }: { dealId: string }) {
  const { data, loading, error, refetch } = useQuery(DealBookingsDocument, { variables: { id: dealId } });
  return (
    <section className="panel panel--wide" aria-labelledby="deal-bookings-title" data-testid="travel-profile">
      <header className="panel__header">
        <h2 id="deal-bookings-title" className="panel__title">
          Bookings
        </h2>
      </header>
      {error && <ErrorNotice error={error} onRetry={() => void refetch()} testId="travel-notice" />}
      {!error && loading && !data && <Loading />}
      {data?.deal && <BookingsTable bookings={data.deal.bookings?.nodes ?? []} emptyMessage="No bookings for this deal yet." />}
    </section>
  );
}
