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
  const crm = { hits: page?.nodes ?? [], loading: !skip && loading };
  // A ticket reference (`SR-1001`) puts its ticket first; otherwise CRM records lead.
  const sources = /^SR-?\d+$/i.test(query) ? [tickets, crm, travel] : [crm, tickets, travel];
  const hits = shownHits<(typeof sources)[number]['hits'][number]>(sources);
  return {
    hits,
    totalCount: (page?.totalCount ?? 0) + tickets.totalCount + travel.totalCount,
    loading: !skip && (loading || tickets.loading || travel.loading),
    error: skip ? undefined : error,
  };
}

/**
 * The hits of sources listed in order, each source's shown once every source above it has
 * answered: a late answer only ever adds rows below, and never moves the row under the pointer (a
 * click opens what the person saw).
 */
export function shownHits<H>(sources: readonly { hits: readonly H[]; loading: boolean }[]): H[] {
  const hits: H[] = [];
  for (const source of sources) {
    hits.push(...source.hits);
    if (source.loading) break;
  }
  return hits;
}
