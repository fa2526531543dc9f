import { graphql } from '../../../__generated__/gql.ts';

/** Who else is on a ticket (collision detection). */
export const TicketPresenceFieldsFragment = graphql(`
  fragment TicketPresenceFields on TicketPresence {
    id
    others(first: 20) {
      nodes {
        activity
        since
        user {
          id
          name
        }
      }
    }
  }
`);

export const TicketPresenceDocument = graphql(`
  query TicketPresence($id: ID!) {
    ticketPresence(id: $id) {
      ...TicketPresenceFields
    }
  }
`);

export const TouchTicketPresenceDocument = graphql(`
  mutation TouchTicketPresence($input: TouchTicketPresenceInput!) {
    touchTicketPresence(input: $input) {
      ...TicketPresenceFields
    }
  }
`);

export const LeaveTicketPresenceDocument = graphql(`
  mutation LeaveTicketPresence($input: LeaveTicketPresenceInput!) {
    leaveTicketPresence(input: $input) {
      id
    }
  }
`);

export const TicketPresenceChangedDocument = graphql(`
  subscription TicketPresenceChanged($ticketId: ID!) {
    ticketPresenceChanged(ticketId: $ticketId) {
      ...TicketPresenceFields
    }
  }
`);

/** The service desk's part of the header search. */
export const TicketSearchDocument = graphql(`
  query TicketSearch($query: String!, $first: Int) {
    searchTickets(filter: { search: $query }, first: $first) {
      totalCount
      nodes {
        id
        title
        subtitle
      }
    }
  }
`);
