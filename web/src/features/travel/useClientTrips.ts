import { useQuery } from '@apollo/client/react';
import type { ClientTripSortField, TripStatus } from '../../__generated__/graphql.ts';
import type { ListParams } from '../../lib/useListParams.ts';
import { ClientTripsDocument } from './graphql/clientTrips.ts';

export const TRIPS_PAGE_SIZE = 25;

export function useClientTrips(params: ListParams<ClientTripSortField, TripStatus>) {
  const { data, previousData, loading, error, refetch } = useQuery(ClientTripsDocument, {
    variables: {
      filter: { search: params.search.trim() || null, status: params.filter },
      sort: params.sort,
      page: params.page,
      limit: TRIPS_PAGE_SIZE,
    },
    fetchPolicy: 'cache-and-network',
  });
  const page = (data ?? previousData)?.clientTrips;
  return { trips: page?.nodes ?? [], totalCount: page?.totalCount ?? 0, loaded: page != null, loading, error, refetch };
}
