import { graphql } from '../../../__generated__/gql.ts';

export const BookingsDocument = graphql(`
  query Bookings($filter: BookingFilter, $sort: BookingSort, $page: Int, $limit: Int) {
    bookings(filter: $filter, sort: $sort, page: $page, limit: $limit) {
      totalCount
      page
      totalPages
      nodes {
        ...BookingRow
      }
    }
  }
`);
