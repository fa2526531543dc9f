import { graphql } from '../../../__generated__/gql.ts';

/** Bookings departing between two dates, soonest first (travel subgraph, so TT-API). */
export const UpcomingDeparturesDocument = graphql(`
  query UpcomingDepartures($from: Date!, $to: Date!, $first: Int) {
    bookings(
      filter: { departureFrom: $from, departureTo: $to }
      orderBy: { field: DEPARTURE_DATE, direction: ASC }
      first: $first
    ) {
      totalCount
      nodes {
        id
        bookingReference
        destination
        departureDate
        status
        client {
          id
          displayName
        }
      }
    }
  }
`);
