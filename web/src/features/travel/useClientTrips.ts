import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import type { ClientTripOrderField, TripStatus } from '../../__generated__/graphql.ts';
import { pageArgs, type CursorListParams } from '../../lib/useCursorListParams.ts';
import { ClientTripsDocument } from './graphql/__generated__/clientTrips.ts';

export const TRIPS_PAGE_SIZE = 25;

export function useClientTrips(params: CursorListParams<ClientTripOrderField, TripStatus>) {
  // One client's list (the client page links here with `?client=<id>`), kept in the URL.
  const clientId = useSearchParams()[0].get('client') || null;
  const { data, previousData, loading, error, refetch } = useQuery(ClientTripsDocument, {
    variables: {
      filter: { search: params.search.trim() || null, status: params.filter, clientId },
      orderBy: params.sort,
      ...pageArgs(params.cursor, TRIPS_PAGE_SIZE),
    },
    fetchPolicy: 'cache-and-network',
  });
  const page = (data ?? previousData)?.clientTrips;
  return {
    trips: page?.nodes ?? [],
    totalCount: page?.totalCount ?? 0,
    pageInfo: page?.pageInfo ?? null,
    clientId,
    loaded: page != null,
    loading,
    error,
    refetch,
  };
}
