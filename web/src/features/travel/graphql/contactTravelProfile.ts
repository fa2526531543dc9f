import { graphql } from '../../../__generated__/gql.ts';

/**
 * The travel side of a contact (TT-API through the travel subgraph): its traveler profile with
 * documents, and the trips and bookings of the traveler and of the client account. Separate from
 * the contact's CRM query, so a TT-API outage costs this section only.
 */
export const ContactTravelProfileDocument = graphql(`
  query ContactTravelProfile($id: ID!) {
    contact(id: $id) {
      id
      traveler {
        id
        firstName
        lastName
        nationality
        passportCountry
        passportExpiryDate
        documents(first: 100) {
          totalCount
          nodes {
            id
            documentType
            issuingCountry
            expiryDate
            daysUntilExpiry
          }
        }
        trips(first: 10) {
          totalCount
          nodes {
            ...TripRow
          }
        }
        bookings(first: 10) {
          totalCount
          nodes {
            ...BookingRow
          }
        }
      }
      client {
        id
        displayName
        clientType
        status
        travelStyle
        trips(first: 10) {
          totalCount
          nodes {
            ...TripRow
          }
        }
        bookings(first: 10) {
          totalCount
          nodes {
            ...BookingRow
          }
        }
      }
    }
  }
`);
