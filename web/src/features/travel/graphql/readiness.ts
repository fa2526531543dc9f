import { graphql } from '../../../__generated__/gql.ts';

export const TripReadinessFields = graphql(`
  fragment TripReadinessFields on TripReadiness {
    id
    state
    departureDate
    returnDate
    destination {
      id
      name
      country
    }
    entryRule {
      id
      label
      passportValidUntil
      visaRequired
    }
    travelers {
      travelerId
      state
      traveler {
        id
        firstName
        lastName
      }
      items {
        kind
        state
        detail
        dueDate
      }
    }
  }
`);

export const TripsAtRiskDocument = graphql(`
  query TripsAtRisk($filter: TripsAtRiskFilter, $first: Int, $after: String, $last: Int, $before: String) {
    tripsAtRisk(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      nodes {
        ...TripReadinessFields
        clientTrip {
          id
          name
          client {
            id
            displayName
          }
        }
      }
    }
  }
`);

export const TripReadinessDocument = graphql(`
  query TripReadiness($id: ID!) {
    clientTrip(id: $id) {
      id
      readiness {
        ...TripReadinessFields
      }
    }
  }
`);

export const SetReadinessCheckDocument = graphql(`
  mutation SetReadinessCheck($input: SetReadinessCheckInput!) {
    setReadinessCheck(input: $input) {
      ...TripReadinessFields
    }
  }
`);
