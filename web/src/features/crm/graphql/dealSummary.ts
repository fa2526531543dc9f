import { graphql } from '../../../__generated__/gql.ts';

/** A deal as a row in a contact's or company's deals list. */
export const DealSummaryFragment = graphql(`
  fragment DealSummary on Deal {
    id
    title
    status
    amountCents
    expectedCloseDate
    stage {
      id
      name
    }
    pipeline {
      id
      name
    }
    owner {
      id
      name
    }
  }
`);
