import { graphql } from '../../../__generated__/gql.ts';

/** Bookings TT-API holds for a deal. */
export const DealBookingsDocument = graphql(`
  query DealBookings($id: ID!) {
    deal(id: $id) {
      id
      bookings(first: 25) {
        totalCount
        nodes {
          ...BookingRow
        }
      }
    }
  }
`);
