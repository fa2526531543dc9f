import { useQuery } from '@apollo/client/react';
import type { BookingSortField, BookingStatus } from '../../__generated__/graphql.ts';
import type { ListParams } from '../../lib/useListParams.ts';
import { BookingsDocument } from './graphql/bookings.ts';

export const BOOKINGS_PAGE_SIZE = 25;

export function useBookings(params: ListParams<BookingSortField, BookingStatus>) {
  const { data, previousData, loading, error, refetch } = useQuery(BookingsDocument, {
    variables: {
      filter: { search: params.search.trim() || null, status: params.filter },
      sort: params.sort,
      page: params.page,
      limit: BOOKINGS_PAGE_SIZE,
    },
    fetchPolicy: 'cache-and-network',
  });
  const page = (data ?? previousData)?.bookings;
  return { bookings: page?.nodes ?? [], totalCount: page?.totalCount ?? 0, loaded: page != null, loading, error, refetch };
}
