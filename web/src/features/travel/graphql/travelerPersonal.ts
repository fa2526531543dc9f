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
      documents {
        id
        documentNumber
      }
      loyaltyPrograms {
        id
        membershipNumber
      }
      emergencyContacts {
        id
        fullName
        relationship
        phone
        email
        isPrimary
      }
    }
  }
`);
