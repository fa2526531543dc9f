import { graphql } from '../../../__generated__/gql.ts';

export const BookingsDocument = graphql(`
  query Bookings(
    $filter: BookingFilter
    $orderBy: BookingOrder
    $first: Int
    $after: String
    $last: Int
    $before: String
  ) {
    bookings(filter: $filter, orderBy: $orderBy, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        ...BookingRow
      }
    }
  }
`);
