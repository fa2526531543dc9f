import { graphql } from '../../../__generated__/gql.ts';

/** Bookings departing between two dates, soonest first (travel subgraph, so TT-API). */
export const UpcomingDeparturesDocument = graphql(`
  query UpcomingDepartures($from: Date!, $to: Date!, $limit: Int) {
    bookings(filter: { departureFrom: $from, departureTo: $to }, sort: { field: DEPARTURE_DATE, direction: ASC }, limit: $limit) {
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
