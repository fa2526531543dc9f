import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { calendarDate } from '../../lib/format.ts';
import { UpcomingDeparturesDocument } from './graphql/__generated__/upcomingDepartures.ts';

export const DEPARTURE_WINDOW_DAYS = 30;

/** Bookings departing in the next 30 days. Its own request, so a TT-API outage spares the CRM figures. */
export function useUpcomingDepartures(limit = 8) {
  const variables = useMemo(
    () => ({ from: calendarDate(0), to: calendarDate(DEPARTURE_WINDOW_DAYS), first: limit }),
    [limit],
  );
  const { data, loading, error, refetch } = useQuery(UpcomingDeparturesDocument, {
    variables,
    fetchPolicy: 'cache-and-network',
  });
  return { departures: data?.bookings ?? null, loading, error, refetch };
}
