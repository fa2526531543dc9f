import { graphql } from '../../../__generated__/gql.ts';

export const ClientTripsDocument = graphql(`
  query ClientTrips($filter: ClientTripFilter, $sort: ClientTripSort, $page: Int, $limit: Int) {
    clientTrips(filter: $filter, sort: $sort, page: $page, limit: $limit) {
      totalCount
      page
      totalPages
      nodes {
        ...TripRow
      }
    }
  }
`);
