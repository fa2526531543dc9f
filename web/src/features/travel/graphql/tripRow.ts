import { graphql } from '../../../__generated__/gql.ts';

/** A client trip as a row in lists. */
export const TripRowFragment = graphql(`
  fragment TripRow on ClientTrip {
    id
    name
    tripType
    status
    startDate
    endDate
    totalCostCents
    client {
      id
      displayName
    }
  }
`);
