import { useQuery } from '@apollo/client/react';
import { TicketSearchDocument } from './graphql/__generated__/ticketSearch.ts';

/** Tickets in the header search: kind, label and where a hit opens. */
export const TICKET_RECORD_PATH = { TICKET: (id: string) => `/service/tickets/${id}` };
export const TICKET_KIND_LABEL = { TICKET: 'Ticket' };

/**
 * The service desk's hits for the header search (`searchTickets`: `SR-<n>`, subject, requester),
 * for staff who may read tickets. The server applies ranks: agents find the queue and their own.
 * A service outage leaves the other hits alone: its error is kept here, not thrown.
 */
export function useTicketSearch(query: string, skip: boolean, limit = 5) {
  const { data, previousData, loading, error } = useQuery(TicketSearchDocument, {
    variables: { query, first: limit },
    skip,
    fetchPolicy: 'cache-first',
  });
  const page = skip ? undefined : ((data ?? previousData)?.searchTickets ?? undefined);
  return {
    hits: (page?.nodes ?? []).map((n) => ({ kind: 'TICKET' as const, id: n.id, title: n.title, subtitle: n.subtitle })),
    totalCount: page?.totalCount ?? 0,
    loading: !skip && loading,
    error: skip ? undefined : error,
  };
}
