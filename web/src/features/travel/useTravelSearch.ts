import { useQuery } from '@apollo/client/react';
import type { TravelSearchKind } from '../../__generated__/graphql.ts';
import { TravelSearchDocument } from './graphql/__generated__/travelSearch.ts';

/** Where a travel search hit lives in the app (trip offerings have no page: they open the trips list). */
export const TRAVEL_RECORD_PATH: Record<TravelSearchKind, (id: string) => string> = {
  CLIENT: (id) => `/travel/clients/${id}`,
  TRAVELER: (id) => `/travel/travelers/${id}`,
  CLIENT_TRIP: (id) => `/travel/trips/${id}`,
  BOOKING: (id) => `/travel/bookings/${id}`,
  TRIP_OFFERING: () => '/travel/trips',
};

export const TRAVEL_KIND_LABEL: Record<TravelSearchKind, string> = {
  CLIENT: 'Client',
  TRAVELER: 'Traveler',
  CLIENT_TRIP: 'Trip',
  BOOKING: 'Booking',
  TRIP_OFFERING: 'Trip offering',
};

/**
 * The travel hits for the header search. A TT-API outage leaves the CRM hits alone: travel's
 * error is kept here, not thrown.
 */
export function useTravelSearch(query: string, skip: boolean, limit = 5) {
  const { data, previousData, loading, error } = useQuery(TravelSearchDocument, {
    variables: { query, first: limit },
    skip,
    fetchPolicy: 'cache-first',
  });
  const page = skip ? undefined : ((data ?? previousData)?.travelSearch ?? undefined);
  return {
    hits: page?.nodes ?? [],
    totalCount: page?.totalCount ?? 0,
    loading: !skip && loading,
    error: skip ? undefined : error,
  };
}
