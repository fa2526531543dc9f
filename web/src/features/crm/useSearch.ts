import { useQuery } from '@apollo/client/react';
import { useTravelSearch } from '../travel/useTravelSearch.ts';
import { SearchDocument } from './graphql/search.ts';

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
  return {
    hits: [...(page?.nodes ?? []), ...travel.hits],
    totalCount: (page?.totalCount ?? 0) + travel.totalCount,
    loading: !skip && (loading || travel.loading),
    error: skip ? undefined : error,
  };
}
