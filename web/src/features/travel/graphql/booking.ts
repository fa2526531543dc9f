import { graphql } from '../../../__generated__/gql.ts';

export const BookingDocument = graphql(`
  query Booking($id: ID!) {
    booking(id: $id) {
      ...BookingRow
      vendorConfirmationNumber
      confirmedAt
      notes
      createdAt
      updatedAt
      vendor {
        id
        name
      }
      clientTrip {
        id
        name
      }
      tripOffering {
        id
        name
      }
      deal {
        id
        title
      }
      client {
        id
        displayName
        contact {
          id
          firstName
          lastName
        }
      }
      travelers(first: 100) {
        totalCount
        nodes {
          id
          isPrimary
          traveler {
            id
            firstName
            lastName
            nationality
          }
        }
      }
    }
  }
`);
