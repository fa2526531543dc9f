import { graphql } from '../../../__generated__/gql.ts';

export const ClientTripDocument = graphql(`
  query ClientTrip($id: ID!) {
    clientTrip(id: $id) {
      ...TripRow
      notes
      createdAt
      updatedAt
      itineraryItems {
        day
        title
        description
        location
      }
      tripOffering {
        id
        name
        departureDate
        returnDate
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
          firstName
          lastName
          nationality
        }
      }
      bookings(first: 25) {
        totalCount
        nodes {
          ...BookingRow
        }
      }
    }
  }
`);
