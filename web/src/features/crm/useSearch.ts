import { useQuery } from '@apollo/client/react';
import { useTicketSearch } from '../service/useTicketSearch.ts';
import { useTravelSearch } from '../travel/useTravelSearch.ts';
import { SearchDocument } from './graphql/__generated__/search.ts';

/** The server refuses shorter queries; below this we do not ask. */
export const SEARCH_MIN_LENGTH = 2;

export function useSearch(text: string, limit = 8) {
  const query = text.trim();
  const skip = query.length < SEARCH_MIN_LENGTH;
  const { data, previousData, loading, error } = useQuery(SearchDocument, {
    variables: { query, first: limit },
    skip,
    fetchPolicy: 'cache-first',
  });
  const page = skip ? undefined : ((data ?? previousData)?.search ?? undefined);
  // Travel records (bookings, trips, travelers, clients) come from the travel subgraph's own search.
  const travel = useTravelSearch(query, skip);
  // Tickets (SR-<n>, subject, requester) come from the service subgraph's `searchTickets`.
  const tickets = useTicketSearch(query, skip);
  return {
    // A ticket reference (`SR-1001`) puts its ticket first; otherwise CRM records lead.
    hits: /^SR-?\d+$/i.test(query)
      ? [...tickets.hits, ...(page?.nodes ?? []), ...travel.hits]
      : [...(page?.nodes ?? []), ...tickets.hits, ...travel.hits],
    totalCount: (page?.totalCount ?? 0) + tickets.totalCount + travel.totalCount,
    loading: !skip && (loading || tickets.loading || travel.loading),
    error: skip ? undefined : error,
  };
}
