import { useQuery } from '@apollo/client/react';
import { useSearchParams } from 'react-router';
import type { BookingOrderField, BookingStatus } from '../../__generated__/graphql.ts';
import { pageArgs, type CursorListParams } from '../../lib/useCursorListParams.ts';
import { BookingsDocument } from './graphql/__generated__/bookings.ts';

export const BOOKINGS_PAGE_SIZE = 25;

export function useBookings(params: CursorListParams<BookingOrderField, BookingStatus>) {
  // One client's list (the client page links here with `?client=<id>`), kept in the URL.
  const clientId = useSearchParams()[0].get('client') || null;
  const { data, previousData, loading, error, refetch } = useQuery(BookingsDocument, {
    variables: {
      filter: { search: params.search.trim() || null, status: params.filter, clientId },
      orderBy: params.sort,
      ...pageArgs(params.cursor, BOOKINGS_PAGE_SIZE),
    },
    fetchPolicy: 'cache-and-network',
  });
  const page = (data ?? previousData)?.bookings;
  return {
    bookings: page?.nodes ?? [],
    totalCount: page?.totalCount ?? 0,
    pageInfo: page?.pageInfo ?? null,
    clientId,
    loaded: page != null,
    loading,
    error,
    refetch,
  };
}
