import { graphql } from '../../../__generated__/gql.ts';

/** A booking as a row in lists. */
export const BookingRowFragment = graphql(`
  fragment BookingRow on Booking {
    id
    bookingReference
    status
    paymentStatus
    destination
    departureDate
    returnDate
    totalPriceCents
    amountPaidCents
    client {
      id
      displayName
    }
  }
`);
