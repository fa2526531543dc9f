import { graphql } from '../../../__generated__/gql.ts';

/**
 * The server's totals of a pipeline by stage: the same figures the dashboard shows, or, with the
 * board's filter, exactly the deals the filter matches (not just the cards loaded).
 */
export const PipelineSummaryDocument = graphql(`
  query PipelineSummary($id: ID!, $filter: DealFilter) {
    pipeline(id: $id) {
      id
      summary(filter: $filter) {
        openDealCount
        openAmountCents
        openWeightedAmountCents
        stages {
          dealCount
          amountCents
          weightedAmountCents
          stage {
            id
          }
        }
      }
    }
  }
`);
