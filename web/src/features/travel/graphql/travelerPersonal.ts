import { graphql } from '../../../__generated__/gql.ts';

/**
 * A traveler's personal data, ADVISOR and above only: never sent for lower ranks (the gateway
 * would refuse the whole operation). Numbers arrive whole; the page shows their last 4 characters.
 */
export const TravelerPersonalDocument = graphql(`
  query TravelerPersonal($id: ID!) {
    traveler(id: $id) {
      id
      dateOfBirth
      passportNumber
      passportIssueDate
      documents(first: 100) {
        totalCount
        nodes {
          id
          documentNumber
        }
      }
      loyaltyPrograms(first: 100) {
        totalCount
        nodes {
          id
          membershipNumber
        }
      }
      emergencyContacts(first: 100) {
        totalCount
        nodes {
          id
          fullName
          relationship
          phone
          email
          isPrimary
        }
      }
    }
  }
`);
