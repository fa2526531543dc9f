import { graphql } from '../../../__generated__/gql.ts';

/**
 * A traveler's page: what every role may read (VIEWER and up). The personal fields the gateway
 * keeps for advisors (date of birth, passport and document numbers, emergency contacts) are in
 * `TravelerPersonalDocument`, a separate query, because the gateway refuses a whole operation that
 * selects a single field above the viewer's rank.
 */
export const TravelerDocument = graphql(`
  query Traveler($id: ID!) {
    traveler(id: $id) {
      id
      firstName
      lastName
      email
      phone
      nationality
      passportCountry
      passportExpiryDate
      createdAt
      client {
        id
        displayName
      }
      contact {
        id
        firstName
        lastName
      }
      documents(first: 100) {
        totalCount
        nodes {
          id
          documentType
          issuingCountry
          issueDate
          expiryDate
          daysUntilExpiry
        }
      }
      preferences {
        cabinClass
        seatPreference
        dietaryRestrictions
        preferredAirlines
        hotelPreferences
        specialRequests
      }
      loyaltyPrograms(first: 100) {
        totalCount
        nodes {
          id
          programType
          programName
          tier
          pointsBalance
        }
      }
      trips(first: 25) {
        totalCount
        nodes {
          ...TripRow
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
