import { graphql } from '../../../__generated__/gql.ts';

export const ClientTripsDocument = graphql(`
  query ClientTrips(
    $filter: ClientTripFilter
    $orderBy: ClientTripOrder
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    clientTrips(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        ...TripRow
      }
    }
  }
`);
