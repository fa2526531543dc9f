import { useQuery } from '@apollo/client/react';
import type { ClientTripOrderField, TripStatus } from '../../__generated__/graphql.ts';
import { pageArgs, type CursorListParams } from '../../lib/useCursorListParams.ts';
import { ClientTripsDocument } from './graphql/clientTrips.ts';

export const TRIPS_PAGE_SIZE = 25;

export function useClientTrips(params: CursorListParams<ClientTripOrderField, TripStatus>) {
  const { data, previousData, loading, error, refetch } = useQuery(ClientTripsDocument, {
    variables: {
      filter: { search: params.search.trim() || null, status: params.filter },
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
    loaded: page != null,
    loading,
    error,
    refetch,
  };
}
